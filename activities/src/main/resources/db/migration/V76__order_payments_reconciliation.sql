-- The reconciliation sweep looks at order charges too (order_payments): a charge the provider never booked, for an
-- order that ended, leaves the books as a subscription's does (ABANDONED, never tried again).
ALTER TABLE order_payments DROP CONSTRAINT order_payments_status_check;
ALTER TABLE order_payments ADD CONSTRAINT order_payments_status_check
    CHECK (status IN ('PENDING', 'REQUIRES_ACTION', 'SUCCEEDED', 'DECLINED', 'ABANDONED'));
CREATE INDEX order_payments_pending_idx ON order_payments (business_time) WHERE status = 'PENDING';

-- A finding is about a subscription's charge (payments) or an order's (order_payments): payment_id names a row of
-- the one its kind says, so it no longer references payments.
ALTER TABLE reconciliation_findings DROP CONSTRAINT reconciliation_findings_payment_id_fkey;
ALTER TABLE reconciliation_findings ALTER COLUMN subscription_id DROP NOT NULL;
ALTER TABLE reconciliation_findings ADD COLUMN kind text NOT NULL DEFAULT 'SUBSCRIPTION'
    CHECK (kind IN ('SUBSCRIPTION', 'ORDER'));
ALTER TABLE reconciliation_findings ADD COLUMN order_id text;
ALTER TABLE reconciliation_findings ADD CONSTRAINT reconciliation_findings_owner_check
    CHECK ((kind = 'SUBSCRIPTION' AND subscription_id IS NOT NULL) OR (kind = 'ORDER' AND order_id IS NOT NULL));

-- A run's counts of order charges (also included in its totals).
ALTER TABLE reconciliation_runs ADD COLUMN orders_examined integer NOT NULL DEFAULT 0;
ALTER TABLE reconciliation_runs ADD COLUMN orders_settled integer NOT NULL DEFAULT 0;
ALTER TABLE reconciliation_runs ADD COLUMN orders_refunded integer NOT NULL DEFAULT 0;
ALTER TABLE reconciliation_runs ADD COLUMN orders_abandoned integer NOT NULL DEFAULT 0;

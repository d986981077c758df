-- A dispute is of a subscription's charge (payments) or of an order's (order_payments): payment_id names a row of the
-- one its kind says, so it no longer references payments (as reconciliation findings since V76).
ALTER TABLE payment_disputes DROP CONSTRAINT payment_disputes_payment_id_fkey;
ALTER TABLE payment_disputes ALTER COLUMN subscription_id DROP NOT NULL;
ALTER TABLE payment_disputes ADD COLUMN kind text NOT NULL DEFAULT 'SUBSCRIPTION'
    CHECK (kind IN ('SUBSCRIPTION', 'ORDER'));
ALTER TABLE payment_disputes ADD COLUMN order_id text;
ALTER TABLE payment_disputes ADD CONSTRAINT payment_disputes_owner_check
    CHECK ((kind = 'SUBSCRIPTION' AND subscription_id IS NOT NULL) OR (kind = 'ORDER' AND order_id IS NOT NULL));

-- What each paid period gave back, in one place: a refund, a pause credit, a plan-change credit (on the change
-- invoice or as account credit) all draw on the same "left to give back" of the period they return.
-- The period a proration credit line gives back (the invoice's own period for a same-interval change, the period
-- before it for a change of interval); NULL on every other line.
ALTER TABLE invoice_lines ADD COLUMN source_period integer CHECK (source_period > 0);
-- The subscription period a pause or plan-change credit grant gives back; NULL for referral rewards and older rows.
ALTER TABLE credit_entries ADD COLUMN subscription_id uuid;
ALTER TABLE credit_entries ADD COLUMN source_period integer CHECK (source_period > 0);
CREATE INDEX credit_entries_source_idx ON credit_entries (subscription_id, source_period)
    WHERE subscription_id IS NOT NULL;
CREATE INDEX refunds_subscription_period_idx ON refunds (subscription_id, period);

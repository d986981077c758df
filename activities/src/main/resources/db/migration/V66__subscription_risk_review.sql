-- Where a subscription's first-charge risk review stands, as the workflow last recorded it: IN_REVIEW while its
-- first charge waits for ops, then APPROVED or REFUSED; null when the check passed (or none was taken).
ALTER TABLE subscriptions ADD COLUMN risk_review text
    CHECK (risk_review IN ('IN_REVIEW', 'APPROVED', 'REFUSED'));

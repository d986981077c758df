-- A subscription's first charge is risk-checked like an order: its check is kept with the orders' checks (order_id
-- 'subscription:{id}'), so velocity counts both; a digital plan has no shipping address, so none is counted.
ALTER TABLE order_risk_checks ALTER COLUMN address_key DROP NOT NULL;

-- A subscription whose first charge was held for review or refused, as ops list and decide it; written by the
-- subscription's workflow (the last write wins: it only moves IN_REVIEW -> APPROVED | REFUSED).
CREATE TABLE subscription_risk_reviews (
    subscription_id    uuid        PRIMARY KEY,
    customer_id        uuid        NOT NULL,
    plan_id            text        NOT NULL,
    amount_minor       bigint      NOT NULL CHECK (amount_minor > 0),
    currency           char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status             text        NOT NULL CHECK (status IN ('IN_REVIEW', 'APPROVED', 'REFUSED')),
    -- the review as the workflow keeps it: {"score", "rules", "status", "checkedAt", "reviewDeadlineAt", ...}
    review             jsonb       NOT NULL,
    checked_at         timestamptz NOT NULL,
    review_deadline_at timestamptz
);
CREATE INDEX subscription_risk_reviews_waiting_idx ON subscription_risk_reviews (checked_at DESC)
    WHERE status = 'IN_REVIEW';

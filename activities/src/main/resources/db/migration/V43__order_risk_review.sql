-- Risk review of orders: before a one-off order is charged, RiskRules score it; the score, the rules that fired and
-- the decision travel with the order (orders.risk, written by its workflow) and the facts the later checks count on
-- (velocity, cards and addresses of refused orders) are kept per check in order_risk_checks.

-- IN_REVIEW: stock held, nothing charged, waiting for an ops decision. The status check V12 declared on the
-- column, whatever PostgreSQL named it, is replaced by one that knows it.
DO $$
DECLARE
    name text;
BEGIN
    FOR name IN SELECT conname FROM pg_constraint
                WHERE conrelid = 'orders'::regclass AND contype = 'c'
                  AND pg_get_constraintdef(oid) LIKE '%''SHIPMENT_EXCEPTION''%' LOOP
        EXECUTE format('ALTER TABLE orders DROP CONSTRAINT %I', name);
    END LOOP;
END $$;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('RECEIVED', 'BACKORDERED', 'STOCK_RESERVED',
    'IN_REVIEW', 'PAID', 'SHIPMENT_BOOKED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'SHIPMENT_EXCEPTION',
    'DELIVERED', 'CANCELED', 'CANCELED_BACKORDER', 'FAILED'));

-- {"score": 60, "rules": [{"code": "DISPOSABLE_EMAIL", "points": 30, "reason": "..."}], "status": "IN_REVIEW",
--  "reviewDeadlineAt": "...", "decidedBy": null, ...}; null for boxes and orders placed before the check.
ALTER TABLE orders ADD COLUMN risk jsonb;

-- One row per checked order, written once by the check (a retried check reads it back). address_key is the shipping
-- address normalised (country|postal code|first line), payment_method the gateway token charged.
CREATE TABLE order_risk_checks (
    order_id                text        PRIMARY KEY CHECK (length(order_id) BETWEEN 1 AND 200),
    customer_id             uuid        NOT NULL,
    payment_method          text        NOT NULL,
    address_key             text        NOT NULL,
    client_ip               text,
    amount_minor            bigint      NOT NULL CHECK (amount_minor > 0),
    currency                char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    score                   integer     NOT NULL CHECK (score >= 0),
    verdict                 text        NOT NULL CHECK (verdict IN ('PASS', 'REVIEW', 'REFUSE')),
    -- [{"code": "...", "points": 30, "reason": "..."}], in the order the rules ran
    rules                   jsonb       NOT NULL,
    review_threshold        integer     NOT NULL,
    refuse_threshold        integer     NOT NULL,
    review_deadline_seconds bigint      NOT NULL CHECK (review_deadline_seconds > 0),
    -- The workflow's business time: velocity windows count by it.
    checked_at              timestamptz NOT NULL
);
CREATE INDEX order_risk_checks_customer_idx ON order_risk_checks (customer_id, checked_at);
CREATE INDEX order_risk_checks_card_idx ON order_risk_checks (payment_method, checked_at);
CREATE INDEX order_risk_checks_address_idx ON order_risk_checks (address_key, checked_at);
CREATE INDEX order_risk_checks_ip_idx ON order_risk_checks (client_ip, checked_at) WHERE client_ip IS NOT NULL;

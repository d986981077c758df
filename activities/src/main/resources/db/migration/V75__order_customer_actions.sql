-- An order's charge the issuer asks the customer to authenticate (Strong Customer Authentication) waits for the
-- customer, as a subscription's does (V25): REQUIRES_ACTION until the customer answers at the provider, the order's
-- deadline passes or the order is canceled.
ALTER TABLE order_payments DROP CONSTRAINT order_payments_status_check;
ALTER TABLE order_payments ADD CONSTRAINT order_payments_status_check
    CHECK (status IN ('PENDING', 'REQUIRES_ACTION', 'SUCCEEDED', 'DECLINED'));

-- What the customer must do while the charge waits, written by the workflow's record activity (its only writer):
-- {"type": "authenticate_payment", "paymentKey": ..., "expiresAt": ...}; null otherwise.
ALTER TABLE orders ADD COLUMN next_action jsonb;

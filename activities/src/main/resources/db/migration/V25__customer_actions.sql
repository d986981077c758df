-- A charge the issuer asks the customer to authenticate (Strong Customer Authentication) waits for the customer:
-- the payment is REQUIRES_ACTION until the customer answers at the provider or the deadline passes.
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('PENDING', 'REQUIRES_ACTION', 'SUCCEEDED', 'DECLINED', 'ABANDONED'));

-- The subscription shows what the customer must do (written by the workflow's record activity, its only writer):
-- the action, the key of the charge it is for, and its deadline.
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_payment_issue_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_payment_issue_check
    CHECK (payment_issue IN ('declined', 'gateway_unavailable', 'payment_method_unusable', 'authentication_required'));
ALTER TABLE subscriptions
    ADD COLUMN next_action_type        text CHECK (next_action_type IN ('authenticate_payment')),
    ADD COLUMN next_action_payment_key text,
    ADD COLUMN next_action_expires_at  timestamptz,
    ADD CONSTRAINT subscriptions_next_action_whole
        CHECK ((next_action_type IS NULL) = (next_action_payment_key IS NULL)
           AND (next_action_type IS NULL) = (next_action_expires_at IS NULL));

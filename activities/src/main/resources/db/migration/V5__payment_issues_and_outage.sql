-- Why a past-due subscription is past due, for the ops list of failed renewals: a decline (dunning) or a payment
-- provider that was unavailable (a hold); since when; how many attempts.
ALTER TABLE subscriptions
    ADD COLUMN payment_issue       text CHECK (payment_issue IN ('declined', 'gateway_unavailable')),
    ADD COLUMN payment_issue_since timestamptz,
    ADD COLUMN payment_attempts    integer;
CREATE INDEX subscriptions_failed_renewals_idx ON subscriptions (payment_issue_since, id) WHERE status = 'PAST_DUE';

-- The simulated payment provider's operator switch: NONE, or an outage in which every call fails with a 503
-- (ERRORS) or hangs until the client gives up (TIMEOUTS). One row; API and worker processes share it.
CREATE TABLE simulated_gateway_outage (
    id         boolean PRIMARY KEY DEFAULT true CHECK (id),
    mode       text        NOT NULL CHECK (mode IN ('NONE', 'ERRORS', 'TIMEOUTS')),
    note       text CHECK (length(note) <= 500),
    changed_by text,
    changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO simulated_gateway_outage (mode) VALUES ('NONE');

-- Provider webhook events the API accepted, by the provider's event id: a redelivery (the provider delivers at least
-- once) finds its event and starts nothing. Written only by the API.
CREATE TABLE provider_webhook_events (
    event_id    text        PRIMARY KEY,
    provider    text        NOT NULL,
    type        text        NOT NULL,
    -- RECEIVED: verified, its workflow not started yet (or starting failed: the next delivery starts it);
    -- STARTED: its effects are in the workflow provider-event-{event_id}; IGNORED: a type Perennial does not act on.
    outcome     text        NOT NULL CHECK (outcome IN ('RECEIVED', 'STARTED', 'IGNORED')),
    deliveries  integer     NOT NULL DEFAULT 1,
    received_at timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Disputes (chargebacks) opened by cardholders, one per provider dispute id. The invoice the disputed payment
-- collected is "disputed" while a row names it; the disputed amount no longer counts as recognised revenue.
CREATE TABLE payment_disputes (
    id              uuid        PRIMARY KEY,
    dispute_id      text        NOT NULL UNIQUE,
    payment_id      uuid        NOT NULL REFERENCES payments (id),
    invoice_id      uuid        REFERENCES invoices (id),
    subscription_id uuid        NOT NULL,
    amount_minor    bigint      NOT NULL CHECK (amount_minor >= 0),
    currency        text        NOT NULL,
    reason          text,
    event_id        text        NOT NULL,
    opened_at       timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_disputes_invoice_idx ON payment_disputes (invoice_id);
CREATE INDEX payment_disputes_recent_idx ON payment_disputes (opened_at DESC, id);

-- A payment found by the provider's id of it (webhook events that carry no metadata of ours).
CREATE INDEX payments_gateway_reference_idx ON payments (gateway_reference) WHERE gateway_reference IS NOT NULL;

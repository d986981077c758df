-- Outbound webhooks (Standard Webhooks): endpoints, one delivery per (endpoint, event), every attempt recorded.
-- Signing secrets are sealed with the payload encryption key (AES-256-GCM, "keyId:base64"), so a dump of this
-- database alone does not reveal them.
CREATE TABLE webhook_endpoints (
    id                     text        PRIMARY KEY,
    url                    text        NOT NULL,
    -- comma-separated event types, or "*" for all
    event_types            text        NOT NULL,
    description            text,
    enabled                boolean     NOT NULL DEFAULT true,
    disabled_reason        text,
    secret                 text        NOT NULL,
    -- the secret before the last rotation, which still signs until previous_secret_until
    previous_secret        text,
    previous_secret_until  timestamptz,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL
);

CREATE TABLE webhook_deliveries (
    seq             bigserial   UNIQUE,
    id              text        PRIMARY KEY,
    endpoint_id     text        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    -- no foreign key: the event log is purged after its retention, the delivery record stays
    event_id        text        NOT NULL,
    event_type      text        NOT NULL,
    -- PENDING until a 2xx (SUCCEEDED) or three days of failures (FAILED)
    status          text        NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    attempts        integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_attempt_at timestamptz,
    -- null until the endpoint's workflow was signalled; set back to null to resend (retry, replay)
    handed_over_at  timestamptz,
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_hand_over_idx ON webhook_deliveries (seq) WHERE handed_over_at IS NULL;
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, seq);

CREATE TABLE webhook_delivery_attempts (
    id               uuid        PRIMARY KEY,
    delivery_id      text        NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt          integer     NOT NULL,
    attempted_at     timestamptz NOT NULL,
    status_code      integer,
    latency_millis   bigint      NOT NULL,
    -- the first 1 KB of the answer
    response_excerpt text,
    error            text,
    UNIQUE (delivery_id, attempt)
);

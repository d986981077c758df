-- The event log (transactional outbox). An activity that changes state writes the event in the same transaction, with
-- an id derived from business identity, so a retried activity finds its event and writes nothing (INSERT … ON
-- CONFLICT (id) DO NOTHING). `created` is business time (the test clock moves it); `recorded_at` is wall time.
-- Webhook delivery reads events whose relayed_at is null, hands them to the endpoint workflows and stamps relayed_at:
-- no event is skipped because another transaction committed a lower seq later (what a "seq > cursor" relay would do).
CREATE TABLE events (
    seq           bigserial   PRIMARY KEY,
    id            text        NOT NULL UNIQUE,
    type          text        NOT NULL,
    created       timestamptz NOT NULL,
    resource_type text        NOT NULL,
    resource_id   text        NOT NULL,
    -- {"object": the resource as the API shows it, "previousAttributes": {...} for updates where it helps}
    data          jsonb       NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    relayed_at    timestamptz
);
CREATE INDEX events_created_idx ON events (created, seq);
CREATE INDEX events_type_created_idx ON events (type, created, seq);
CREATE INDEX events_resource_idx ON events (resource_id, seq);
CREATE INDEX events_unrelayed_idx ON events (seq) WHERE relayed_at IS NULL;

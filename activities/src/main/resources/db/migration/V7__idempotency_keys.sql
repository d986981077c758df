-- Idempotency-Key of creating POSTs: the first request's fingerprint and, once answered, its response, which a
-- retry with the same key gets back without anything being done again. Kept at least 24 hours (purged after 48).
CREATE TABLE idempotency_keys (
    owner           text        NOT NULL,
    route           text        NOT NULL,
    idempotency_key text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    request_hash    text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('IN_PROGRESS', 'COMPLETED')),
    response_status integer,
    response_body   text,
    location        text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    completed_at    timestamptz,
    PRIMARY KEY (owner, route, idempotency_key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

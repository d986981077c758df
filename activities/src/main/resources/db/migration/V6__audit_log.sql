-- Who did what to which workflow or account, and why: staff operations (resets, bulk retries, outage switches)
-- and, later, security events. Append-only.
CREATE TABLE audit_log (
    id         uuid PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor      text        NOT NULL,
    action     text        NOT NULL,
    target     text        NOT NULL,
    reason     text CHECK (length(reason) <= 500),
    outcome    text        NOT NULL
);
CREATE INDEX audit_log_target_idx ON audit_log (target, at);

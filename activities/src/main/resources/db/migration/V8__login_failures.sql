-- Failed logins, for throttling per account and per client address (a sliding window) and for the audit.
CREATE TABLE login_failures (
    id             bigserial PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT now(),
    email          text        NOT NULL,
    client_address text        NOT NULL
);
CREATE INDEX login_failures_email_idx ON login_failures (email, at);
CREATE INDEX login_failures_address_idx ON login_failures (client_address, at);

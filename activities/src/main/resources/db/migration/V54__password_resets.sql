-- Forgotten passwords: a one-time link per request, mailed to the account's address. Only the SHA-256 of the
-- link's 256-bit token is kept; a link works once (used_at), for 30 minutes (expires_at), and a new password voids
-- every other link of the account. The rows count the requests an account had in the last hour (rate limit).
CREATE TABLE password_resets (
    id          uuid PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id),
    token_hash  text        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id, created_at);

-- Refresh tokens: opaque random values the client holds; only their SHA-256 is kept here (a 256-bit random value
-- needs no salt or slow hash: there is nothing to guess). Each login starts a family; each refresh marks the
-- presented token used and issues the next one in the same family. Presenting a used token again means it was
-- copied: the whole family is revoked. Logout revokes the family, a role change every family of the user.
CREATE TABLE refresh_tokens (
    id         uuid PRIMARY KEY,
    family_id  uuid        NOT NULL,
    user_id    uuid        NOT NULL REFERENCES users (id),
    token_hash text        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    revoked_at timestamptz,
    CHECK (expires_at > issued_at)
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL;
-- Expired tokens are purged (an expired token is refused whether or not its row is still there).
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);

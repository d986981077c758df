-- Sign-ins of the customer portal's pages: the browser holds a random 256-bit session id in an HttpOnly cookie;
-- only its SHA-256 is kept here, in PostgreSQL rather than in one API instance's memory, so any instance behind a
-- load balancer serves the page. A sign-in always starts a new row (a session id never survives a sign-in: no
-- fixation); sign-out, a password change and expiry end it.
CREATE TABLE portal_sessions (
    id            uuid PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES users (id),
    session_hash  text        NOT NULL UNIQUE CHECK (session_hash ~ '^[0-9a-f]{64}$'),
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    ended_at      timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX portal_sessions_user_idx ON portal_sessions (user_id) WHERE ended_at IS NULL;
CREATE INDEX portal_sessions_expires_idx ON portal_sessions (expires_at);

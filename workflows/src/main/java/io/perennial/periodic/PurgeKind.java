package io.perennial.periodic;

/** What a purge deletes. */
public enum PurgeKind {
    /** Idempotency keys of API requests, kept 48 hours. */
    IDEMPOTENCY_KEYS,
    /**
     * Sign-in credentials that lapsed more than a day ago (they are refused with or without their row): refresh
     * tokens, portal sessions (expired or signed out) and password-reset links.
     */
    REFRESH_TOKENS,
    /** Events of the event log older than their retention (perennial.events.retention, 30 days by default). */
    EVENTS
}

package io.perennial.periodic;

/** What a purge deletes. */
public enum PurgeKind {
    /** Idempotency keys of API requests, kept 48 hours. */
    IDEMPOTENCY_KEYS,
    /** Refresh tokens expired for more than a day (they are refused with or without their row). */
    REFRESH_TOKENS,
    /** Events of the event log older than their retention (perennial.events.retention, 30 days by default). */
    EVENTS
}

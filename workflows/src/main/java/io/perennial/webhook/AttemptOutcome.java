package io.perennial.webhook;

/** What one attempt came to. */
public enum AttemptOutcome {
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** Any other answer, a timeout, a refused address: tried again later. */
    FAILED,
    /** Nothing to send any more: the endpoint was deleted or disabled, or the delivery is gone. */
    GONE
}

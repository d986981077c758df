package io.perennial.temporal;

import io.temporal.workflow.Workflow;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Time as the workflows see it: the workflow clock (so a test clock moves the whole system), in whole seconds like
 * the invoices, periods and deadlines derived from it. Call only from workflow code.
 */
public final class BusinessTime {

    private BusinessTime() {
    }

    /** Now on the workflow clock, truncated to the second. */
    public static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis()).truncatedTo(ChronoUnit.SECONDS);
    }

    /** The earlier of two moments; a null one is "never", so the other wins (null when both are). */
    public static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}

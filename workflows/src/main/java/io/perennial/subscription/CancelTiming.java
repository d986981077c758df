package io.perennial.subscription;

public enum CancelTiming {
    /** Keep access until the end of the paid period, then cancel; can be undone until then. */
    AT_PERIOD_END,
    /** Cancel now. */
    IMMEDIATELY
}

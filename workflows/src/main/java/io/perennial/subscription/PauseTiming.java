package io.perennial.subscription;

public enum PauseTiming {
    /** Access ends now; the unused part of the paid period becomes account credit. */
    IMMEDIATELY,
    /** The paid period runs out, then the subscription pauses instead of renewing. */
    AT_PERIOD_END
}

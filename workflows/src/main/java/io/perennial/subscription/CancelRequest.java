package io.perennial.subscription;

/**
 * Cancel at period end (the default; can be undone until then) or now.
 *
 * @param refundUnused when canceling now: refund the unused part of the paid period
 */
public record CancelRequest(CancelTiming timing, String reason, boolean refundUnused) {
    public CancelRequest {
        if (timing == null) {
            timing = CancelTiming.AT_PERIOD_END;
        }
        if (reason == null || reason.isBlank()) {
            reason = "customer_request";
        }
    }

    public CancelRequest(CancelTiming timing, String reason) {
        this(timing, reason, false);
    }
}

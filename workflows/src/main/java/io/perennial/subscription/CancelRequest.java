package io.perennial.subscription;

public record CancelRequest(CancelTiming timing, String reason) {
    public CancelRequest {
        if (timing == null) {
            timing = CancelTiming.AT_PERIOD_END;
        }
        if (reason == null || reason.isBlank()) {
            reason = "customer_request";
        }
    }
}

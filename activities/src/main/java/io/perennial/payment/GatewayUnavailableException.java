package io.perennial.payment;

import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;

/**
 * The provider did not answer (timeout), answered with a 5xx, rate-limited us, or has no outcome yet (a PaymentIntent
 * still processing). Retryable: the charge may be tried again with the same key. {@link GatewayMisconfiguredException}
 * is the kind ops must act on.
 */
public class GatewayUnavailableException extends RuntimeException {
    private final String reason;

    public GatewayUnavailableException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A stable reason code such as {@code gateway_timeout} or {@code gateway_unavailable}. */
    public String reason() {
        return reason;
    }

    /**
     * The activity failure Temporal retries with the same key. Benign: an outage is expected and counted
     * ({@code BillingMetrics}), so the SDK logs each attempt at debug instead of a warning with a stack trace (about
     * 20 lines per attempt, hundreds in one outage drill); the workflow still logs the hold once.
     */
    public ApplicationFailure toRetryableFailure() {
        return ApplicationFailure.newBuilder()
                .setMessage(getMessage())
                .setType(reason)
                .setCategory(ApplicationErrorCategory.BENIGN)
                .build();
    }
}

package io.perennial.payment;

/** The provider did not answer (timeout) or answered with a 5xx. Retryable: the charge may be tried again with the same key. */
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
}

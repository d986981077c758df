package io.perennial.payment;

/** Types of the failures payment activities raise. */
public final class PaymentFailures {
    /** The issuer or gateway declined the charge; details are a {@link PaymentDecline}. Never retried. Drives dunning. */
    public static final String PAYMENT_DECLINED = "PaymentDeclined";
    /** The provider answered 5xx. Retried by the activity's retry policy; never a dunning attempt. */
    public static final String GATEWAY_UNAVAILABLE = "gateway_unavailable";
    /** The provider did not answer in time. Retried like {@link #GATEWAY_UNAVAILABLE}. */
    public static final String GATEWAY_TIMEOUT = "gateway_timeout";
    /** The provider refused a refund (more than the charge took, or a charge it does not know). Never retried. */
    public static final String REFUND_REFUSED = "RefundRefused";

    private PaymentFailures() {
    }
}

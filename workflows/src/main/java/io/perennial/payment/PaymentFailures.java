package io.perennial.payment;

/** Types of the business failures payment activities raise. They are never retried by Temporal. */
public final class PaymentFailures {
    /** The issuer or gateway declined the charge; details are a {@link PaymentDecline}. Drives dunning. */
    public static final String PAYMENT_DECLINED = "PaymentDeclined";

    private PaymentFailures() {
    }
}

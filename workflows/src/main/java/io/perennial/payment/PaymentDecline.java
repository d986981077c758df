package io.perennial.payment;

/** The details of a {@link PaymentFailures#PAYMENT_DECLINED} failure. */
public record PaymentDecline(String paymentId, String declineCode, String message) {
}

package io.perennial.payment;

public enum PaymentStatus {
    PENDING,
    /**
     * The issuer asks the customer to authenticate the charge; it waits for the customer's answer at the provider
     * (or its deadline) and settles under the same key. No money has moved.
     */
    REQUIRES_ACTION,
    SUCCEEDED,
    DECLINED,
    /** Never booked by the provider, and never to be tried again: the invoice it was for was voided. */
    ABANDONED
}

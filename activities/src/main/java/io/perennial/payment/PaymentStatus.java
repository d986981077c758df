package io.perennial.payment;

public enum PaymentStatus {
    PENDING,
    SUCCEEDED,
    DECLINED,
    /** Never booked by the provider, and never to be tried again: the invoice it was for was voided. */
    ABANDONED
}

package io.perennial.payment;

public enum PaymentStatus {
    PENDING,
    SUCCEEDED,
    DECLINED
}

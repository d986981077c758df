package io.perennial.payment;

public enum RefundStatus {
    PENDING,
    SUCCEEDED,
    FAILED
}

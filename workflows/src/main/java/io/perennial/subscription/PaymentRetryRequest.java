package io.perennial.subscription;

/** Try the overdue invoice again at once: an ops "retry now" ({@code requestedBy} = ops user) or a new card. */
public record PaymentRetryRequest(String requestedBy, String reason) {
}

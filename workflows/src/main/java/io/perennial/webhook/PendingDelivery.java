package io.perennial.webhook;

/**
 * A delivery not yet answered with a 2xx.
 *
 * @param attempts           attempts made so far
 * @param firstAttemptMillis workflow time of the first attempt, or 0 before it
 * @param nextAttemptMillis  workflow time the next attempt is due (0: now)
 */
public record PendingDelivery(String deliveryId, int attempts, long firstAttemptMillis, long nextAttemptMillis) {

    static PendingDelivery dueNow(String deliveryId) {
        return new PendingDelivery(deliveryId, 0, 0, 0);
    }

    PendingDelivery resendNow() {
        return new PendingDelivery(deliveryId, attempts, firstAttemptMillis, 0);
    }

    PendingDelivery failed(long now, long backoffMillis) {
        return new PendingDelivery(deliveryId, attempts + 1, firstAttemptMillis == 0 ? now : firstAttemptMillis,
                now + backoffMillis);
    }
}

package io.perennial.webhook;

import java.time.Duration;

/**
 * When a failed delivery is tried again: 5 s, then three times longer each attempt up to 6 h, each stretched by a
 * 0–25 % so endpoints recovering from an outage are not hit by every delivery at once. The jitter derives from the
 * delivery id and the attempt ({@link String#hashCode()} is fixed by the language), so a replay computes the same
 * wait and workflow code needs no random source. Given up three days after the first attempt.
 */
public final class WebhookBackoff {

    public static final Duration FIRST = Duration.ofSeconds(5);
    public static final Duration LONGEST = Duration.ofHours(6);
    /** A delivery failing this long is given up; an endpoint failing this long straight is disabled. */
    public static final Duration GIVE_UP_AFTER = Duration.ofDays(3);
    private static final double FACTOR = 3.0;
    private static final double JITTER = 0.25;

    private WebhookBackoff() {
    }

    /** The wait after the {@code failedAttempts}-th failure (counting from 1). */
    public static long afterFailureMillis(int failedAttempts, String deliveryId) {
        double base = FIRST.toMillis() * Math.pow(FACTOR, Math.max(0, failedAttempts - 1));
        double capped = Math.min(base, LONGEST.toMillis());
        double spread = Math.floorMod((deliveryId + "#" + failedAttempts).hashCode(), 1000) / 1000.0;
        return (long) (capped * (1.0 + JITTER * spread));
    }
}

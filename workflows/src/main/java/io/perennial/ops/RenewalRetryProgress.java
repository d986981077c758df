package io.perennial.ops;

import java.util.List;

/**
 * How far a bulk retry has come. {@code retried} subscriptions were asked to retry now; {@code skipped} had no
 * running workflow any more (ended since they were selected).
 */
public record RenewalRetryProgress(int selected, int retried, List<String> skipped, boolean done) {
}

package io.perennial.ops;

import java.util.List;

/**
 * How far a bulk retry has come. {@code selected} failed renewals matched when it started; {@code retried} were
 * asked to retry now; {@code skippedCount} had no running workflow any more (ended since), the first of them listed
 * in {@code skipped}; {@code run} counts the batch's runs (it continues as new every so many subscriptions).
 */
public record RenewalRetryProgress(int selected, int retried, List<String> skipped, boolean done, int skippedCount,
                                   int run) {

    public RenewalRetryProgress(int selected, int retried, List<String> skipped, boolean done) {
        this(selected, retried, skipped, done, skipped.size(), 1);
    }

    /** Selected but neither retried nor skipped yet. */
    public int remaining() {
        return Math.max(0, selected - retried - skippedCount);
    }
}

package io.perennial.subscription;

/**
 * What one run of the workflow counts for itself and never hands over when it continues as new: the periods it
 * billed (it hands over after {@link SubscriptionStart#periodsPerRun()}), and a payment retry asked for by ops or
 * by a new card, which the main loop acts on at once.
 */
final class ThisRun {
    int periods;
    boolean retryRequested;
}

package io.perennial.subscription;

/**
 * What one run of the workflow counts for itself and never hands over when it continues as new: the periods it
 * billed (it hands over after {@link SubscriptionStart#periodsPerRun()}), and a payment retry asked for by ops or
 * by a new card, which the main loop acts on at once.
 */
final class ThisRun {
    int periods;
    boolean retryRequested;
    /** The main loop is acting (billing a period, retrying a charge): a charge may be in flight. */
    boolean acting;
    /**
     * Whether this run publishes its read model from the workflow task itself ({@link EngineChanges#PUBLISH_LOCALLY});
     * null until its first publish asks.
     */
    Boolean publishesLocally;

    /**
     * A retry (or a new card) asked for while the main loop acts is kept for the charge in flight, so that a decline
     * it answers is retried at once. A run that publishes locally needs it: its read model can show {@code PAST_DUE}
     * before the task that saw the decline completes, and when that task is refused (a signal came in meanwhile) the
     * replay delivers the signal before the decline, while the subscription still looks active.
     */
    boolean keepsRetryWhileActing() {
        return acting && Boolean.TRUE.equals(publishesLocally);
    }
}

package io.perennial.ops;

import java.time.Instant;
import java.util.List;

/**
 * Where a bulk retry stands, carried from one run to the next: the filter's window fixed at the start (so the batch
 * does not chase renewals that fail after it began), the last subscription done (the selection's keyset order:
 * failure time, then id) and the counts so far.
 *
 * @param skipped the first {@value RenewalRetryBatchWorkflowImpl#SKIPPED_SHOWN} subscriptions that had ended
 */
public record RenewalRetryPosition(RenewalRetryFilter filter, Instant afterSince, String afterId, int selected,
                                   int retried, int skippedCount, List<String> skipped, int run) {
}

package io.perennial.reconciliation;

import java.time.Instant;

/**
 * One sweep as the activity runs it.
 *
 * @param runKey       the report's key: the sweep workflow's id and run, so a retried activity writes one report
 * @param businessTime the workflow's time: the grace period counts back from it (the test clock moves it)
 */
public record SweepRun(String runKey, String trigger, Instant businessTime) {
}

package io.perennial.worker.replay;

/**
 * How one workflow run replayed.
 *
 * @param detail empty when it replayed; otherwise why not, e.g. the non-determinism the SDK reported
 */
public record ReplayOutcome(String workflowId, String runId, String workflowType, Verdict verdict, String detail) {

    public enum Verdict {
        /** The current code makes the same decisions the history recorded. */
        OK,
        /** The current code makes different decisions: deploying it would break this workflow. */
        NON_DETERMINISTIC,
        /** Replay failed for another reason, e.g. a workflow type the given implementations do not host. */
        FAILED
    }

    public boolean replayed() {
        return verdict == Verdict.OK;
    }
}

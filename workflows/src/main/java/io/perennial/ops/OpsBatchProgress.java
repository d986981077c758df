package io.perennial.ops;

/**
 * How far a tracked ops batch has come: {@code selected} matched at the start (-1 when the store cannot count),
 * {@code succeeded} and {@code failed} items so far (each with its stored result), {@code run} the batch
 * workflow's current run.
 */
public record OpsBatchProgress(OpsBatchKind kind, int selected, int succeeded, int failed, boolean done, int run) {

    /** Selected and not done yet; -1 when the selection was not counted. */
    public int remaining() {
        return selected < 0 ? -1 : Math.max(0, selected - succeeded - failed);
    }
}

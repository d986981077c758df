package io.perennial.ops;

/** One page of a tracked ops batch: what to take, and what became of it (each item's result is stored). */
public final class OpsBatchPage {
    private OpsBatchPage() {
    }

    public record Request(OpsBatchRequest batch, String cursor, int limit) {
    }

    /** {@code nextCursor} null: the selection is done. */
    public record Result(int succeeded, int failed, String nextCursor) {
    }
}

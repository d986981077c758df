package io.perennial.ops;

/**
 * How fast a batch goes: {@code pageSize} items per activity, a new run every {@code itemsPerRun} items (so the
 * history stays bounded), and at most {@code itemsPerSecond} items a second (so billing day is not starved of
 * workers, Temporal and the database).
 */
public record OpsBatchPace(int pageSize, int itemsPerRun, double itemsPerSecond) {
}

package io.perennial.ops;

/** What a tracked ops batch does to each item it selects. */
public enum OpsBatchKind {
    /** Moves live subscriptions of older versions of a plan to a newer one ({@code migratePlanVersion} Update). */
    PLAN_MIGRATION,
    /** Resets the workflows a visibility query matches to before their first failure. */
    WORKFLOW_RESET
}

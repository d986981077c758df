package io.perennial.ops;

/**
 * A tracked ops batch, as ops asked for it (kept in the batch's history), with id {@code ops-batch-{batchId}}.
 *
 * @param planId       for {@link OpsBatchKind#PLAN_MIGRATION}: the plan whose older versions move
 * @param toVersion    for {@link OpsBatchKind#PLAN_MIGRATION}: the version they move to
 * @param query        for {@link OpsBatchKind#WORKFLOW_RESET}: the visibility query selecting the workflows
 * @param reason       why (audited with each reset)
 * @param pace         page size, items per run and the rate limit
 * @param position     where the previous run stopped; null for the first run
 */
public record OpsBatchRequest(String batchId, OpsBatchKind kind, String requestedBy, String planId, Integer toVersion,
                              String query, String reason, OpsBatchPace pace, OpsBatchPosition position) {

    OpsBatchRequest continuedAt(OpsBatchPosition next) {
        return new OpsBatchRequest(batchId, kind, requestedBy, planId, toVersion, query, reason, pace, next);
    }
}

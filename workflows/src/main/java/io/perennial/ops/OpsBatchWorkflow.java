package io.perennial.ops;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A tracked ops batch (a plan-version migration, a batch reset), with id {@code ops-batch-{batchId}}: it counts its
 * selection once, then does it a page per activity at a limited rate, storing a result per item, and continues as
 * new every so many items, so neither the request nor any history grows with the customer base. Progress is a query.
 */
@WorkflowInterface
public interface OpsBatchWorkflow {

    @WorkflowMethod
    OpsBatchProgress run(OpsBatchRequest request);

    @QueryMethod
    OpsBatchProgress progress();
}

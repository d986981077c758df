package io.perennial.restock;

import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;

/** How a restock is signal-with-started, so inventory, orders and the API all start it the same way. */
public final class RestockStartOptions {

    private RestockStartOptions() {
    }

    /**
     * Id {@code restock-{sku}} on the {@code restocks} queue. While a restock of the SKU is open, a start joins it
     * (conflict policy USE_EXISTING: the signal goes to the open run); once it closed, a new run may start (reuse
     * policy ALLOW_DUPLICATE). So concurrent triggers never make two open restocks of one SKU.
     */
    public static WorkflowOptions forSku(String sku) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.restock(sku))
                .setTaskQueue(TaskQueues.RESTOCKS)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(PerennialSearchAttributes.RESTOCK_STATUS, RestockStatus.PLANNING.name())
                        .build())
                .setStaticSummary("Restock of SKU " + sku + " · purchase order to a supplier, receipts, backorders "
                        + "woken in order of arrival")
                .build();
    }
}

package io.perennial.order;

import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;

/** How an order's workflow is started, so the API and subscription boxes start it the same way. */
public final class OrderStartOptions {

    private OrderStartOptions() {
    }

    /**
     * Id {@code order-{orderId}} on the {@code orders} queue, searchable by customer and status from the first
     * moment, with a summary for the Temporal UI (ids and totals only, never the address). An order id runs once:
     * starting it again, even after its run has ended (a request retried after its idempotency key expired), is
     * refused as already started instead of fulfilling the order a second time.
     */
    public static WorkflowOptions forRequest(OrderRequest request) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.order(request.orderId()))
                .setTaskQueue(TaskQueues.ORDERS)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(PerennialSearchAttributes.CUSTOMER_ID, request.customerId())
                        .set(PerennialSearchAttributes.ORDER_STATUS, OrderStatus.RECEIVED.name())
                        .build())
                .setStaticSummary(request.summary())
                .build();
    }
}

package io.perennial.order;

import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;

/** How an order's workflow is started, so the API and subscription boxes start it the same way. */
public final class OrderStartOptions {

    private OrderStartOptions() {
    }

    /**
     * Id {@code order-{orderId}} on the {@code orders} queue, searchable by customer and status from the first
     * moment, with a summary for the Temporal UI (ids and totals only, never the address).
     */
    public static WorkflowOptions forRequest(OrderRequest request) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.order(request.orderId()))
                .setTaskQueue(TaskQueues.ORDERS)
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(PerennialSearchAttributes.CUSTOMER_ID, request.customerId())
                        .set(PerennialSearchAttributes.ORDER_STATUS, OrderStatus.RECEIVED.name())
                        .build())
                .setStaticSummary(request.summary())
                .build();
    }
}

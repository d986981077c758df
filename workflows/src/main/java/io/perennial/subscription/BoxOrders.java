package io.perennial.subscription;

import io.perennial.fulfilment.BoxItem;
import io.perennial.inventory.StockLine;
import io.perennial.order.OrderFulfillmentWorkflow;
import io.perennial.order.OrderRequest;
import io.perennial.order.PrepaidBox;
import io.perennial.order.ShippingAddress;
import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Ships a paid period's box as a child {@code OrderFulfillmentWorkflow} with id {@code order-{subscriptionId}-p{period}}.
 * The id is the box's identity: the reuse policy rejects a second start even after the first run ended, so a
 * retried, reset or continued-as-new subscription finds the box "already started" and never ships the period twice.
 * The child is abandoned when the subscription closes or continues as new, and the subscription waits only for it
 * to start, never for the parcel.
 */
final class BoxOrders {

    private static final Logger log = Workflow.getLogger(BoxOrders.class);

    /** A box paid so late in its period that the period has (almost) ended still gets this long to find stock. */
    static final Duration SHORTEST_BACKORDER_WAIT = Duration.ofHours(1);

    /** What became of the start: the child's run, or that the period's box was started before. */
    enum Outcome { STARTED, ALREADY_STARTED }

    private BoxOrders() {
    }

    /** Starts the period's box order and waits for it to have started; {@code paidMinor} is what a refund returns. */
    static Outcome ship(SubscriptionStart subscription, PlanTerms plan, BillingPeriod period, long paidMinor,
                        String paymentMethod, ShippingAddress address, Instant now) {
        OrderRequest request = request(subscription.subscriptionId(), subscription.customerId(), plan, period,
                paidMinor, paymentMethod, address, now);
        OrderFulfillmentWorkflow child = Workflow.newChildWorkflowStub(OrderFulfillmentWorkflow.class,
                ChildWorkflowOptions.newBuilder()
                        .setWorkflowId(WorkflowIds.order(request.orderId()))
                        .setTaskQueue(TaskQueues.ORDERS)
                        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                .set(PerennialSearchAttributes.CUSTOMER_ID, request.customerId())
                                .set(PerennialSearchAttributes.ORDER_STATUS, "RECEIVED")
                                .build())
                        .setStaticSummary(request.summary())
                        .build());
        Async.function(child::fulfil, request);
        try {
            WorkflowExecution started = Workflow.getWorkflowExecution(child).get();
            log.info("Box of period {} started as {} (run {})", period.number(), started.getWorkflowId(),
                    started.getRunId());
            return Outcome.STARTED;
        } catch (ChildWorkflowFailure alreadyThere) {
            // The only way a start with this id fails: a run of it exists, open or closed. That run is the box.
            log.info("Box of period {} was started before ({}); not shipping it again", period.number(),
                    alreadyThere.getMessage());
            return Outcome.ALREADY_STARTED;
        }
    }

    static OrderRequest request(String subscriptionId, String customerId, PlanTerms plan, BillingPeriod period,
                                long paidMinor, String paymentMethod, ShippingAddress address, Instant now) {
        List<StockLine> lines = plan.box().stream().map(BoxItem::toStockLine).toList();
        Duration untilPeriodEnd = Duration.between(now, period.end());
        Duration wait = untilPeriodEnd.compareTo(SHORTEST_BACKORDER_WAIT) < 0 ? SHORTEST_BACKORDER_WAIT : untilPeriodEnd;
        Instant deadline = now.plus(wait);
        return new OrderRequest(PrepaidBox.orderIdFor(subscriptionId, period.number()), customerId, lines, paidMinor,
                plan.currency(), paymentMethod, address, wait, null,
                new PrepaidBox(subscriptionId, period.number(), paidMinor, deadline));
    }
}

package io.perennial.subscription;

import io.perennial.fulfilment.BoxItem;
import io.perennial.inventory.StockLine;
import io.perennial.inventory.StockReservation;
import io.perennial.order.FakeInventory;
import io.perennial.order.FakeOrderPayments;
import io.perennial.order.FakeOrderRecords;
import io.perennial.order.FakeShipping;
import io.perennial.order.OrderFulfillmentWorkflow;
import io.perennial.order.OrderFulfillmentWorkflowImpl;
import io.perennial.order.OrderState;
import io.perennial.order.OrderStatus;
import io.perennial.order.PrepaidBox;
import io.perennial.order.Restocked;
import io.perennial.order.ShippingAddress;
import io.perennial.order.StatusChange;
import io.perennial.payment.InvoiceCharge;
import io.perennial.payment.RefundReceipt;
import io.perennial.shipping.CarrierEvent;
import io.perennial.shipping.CarrierEventType;
import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A physical plan's paid period ships its box as a child order {@code order-{subscriptionId}-p{period}} on the
 * {@code orders} queue, run here by the real order workflow against in-memory stock, carrier and read model.
 */
class SubscriptionBoxOrdersTest extends SubscriptionWorkflowTestSupport {

    static final String BEANS = "COFFEE-250G";
    static final String MUG = "MUG";
    static final PlanTerms COFFEE_MONTHLY = new PlanTerms("plan_coffee_monthly", "Coffee box monthly", 2999, "EUR",
            BillingInterval.monthly(), 0, 1, null, List.of(new BoxItem(BEANS, 2), new BoxItem(MUG, 1)));
    static final ShippingAddress HOME = new ShippingAddress("Ada Lovelace", "Keizersgracht 1", null, "Amsterdam",
            "1015 CJ", "NL");
    static final ShippingAddress OFFICE = new ShippingAddress("Ada Lovelace", "Stationsplein 10", "3rd floor",
            "Utrecht", "3511 ED", "NL");
    static final Instant FEB_28_2027 = Instant.parse("2027-02-28T09:00:00Z");

    final FakeInventory inventory = new FakeInventory();
    final FakeOrderPayments orderPayments = new FakeOrderPayments();
    final FakeShipping shipping = new FakeShipping();
    final FakeOrderRecords orderRecords = new FakeOrderRecords();

    @Test
    void eachPaidPeriodOfAPhysicalPlanShipsOneBoxOrderIncludingAPeriodRecoveredByDunning(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        inventory.stock(BEANS, 100).stock(MUG, 100);
        payments.decline(2, "renewal");
        subscribe(env, client, worker, "sub-box", 0);
        env.sleep(Duration.ofDays(59).plusHours(1));

        assertThat(payments.paid()).extracting(InvoiceCharge::period).containsExactly(1, 2, 3);
        for (int period = 1; period <= 3; period++) {
            OrderState box = orderRecords.latest("sub-box-p" + period);
            assertThat(box).as("box of period %d", period).isNotNull();
            assertThat(box.prepaidBy()).isEqualTo(new PrepaidBox("sub-box", period, 2999, box.prepaidBy().periodEnd()));
            assertThat(box.lines()).containsExactly(new StockLine(BEANS, 2), new StockLine(MUG, 1));
            assertThat(box.shippingAddress()).isEqualTo(HOME);
            assertThat(box.customerId()).isEqualTo("cust-1");
            assertThat(shipping.booked("sub-box-p" + period)).as("box %d booked", period).isTrue();
        }
        assertThat(orderRecords.latest("sub-box-p4")).as("period 4 is not paid yet").isNull();
        assertThat(orderPayments.chargeCount()).as("a box takes no money of its own").isZero();
        assertThat(orderRecords.latest("sub-box-p1").history()).extracting(StatusChange::status)
                .startsWith(OrderStatus.RECEIVED, OrderStatus.STOCK_RESERVED, OrderStatus.PAID,
                        OrderStatus.SHIPMENT_BOOKED);
        assertThat(orderRecords.latest("sub-box-p2").placedAt()).as("recovered on the first retry")
                .isEqualTo(Instant.parse("2027-03-01T09:00:00Z"));
        assertThat(childStarts(client, "sub-box", null)).containsExactly("order-sub-box-p1", "order-sub-box-p2",
                "order-sub-box-p3");

        WorkflowExecutionDescription first = client.newUntypedWorkflowStub(WorkflowIds.order("sub-box-p1")).describe();
        assertThat(first.getTypedSearchAttributes().get(PerennialSearchAttributes.CUSTOMER_ID)).isEqualTo("cust-1");
        assertThat(first.getStaticSummary()).isEqualTo("Box · subscription sub-box · period 1 · 3 items · customer "
                + "cust-1");

        // The parcel arrives; the subscription never waited for it.
        OrderFulfillmentWorkflow box = client.newWorkflowStub(OrderFulfillmentWorkflow.class,
                WorkflowIds.order("sub-box-p1"));
        String tracking = box.state().trackingNumber();
        box.carrierEvent(new CarrierEvent("ev-1", tracking, CarrierEventType.PICKED_UP, FEB_28_2027, null));
        box.carrierEvent(new CarrierEvent("ev-2", tracking, CarrierEventType.DELIVERED, FEB_28_2027, null));
        OrderState delivered = WorkflowStub.fromTyped(box).getResult(OrderState.class);
        assertThat(delivered.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(inventory.reservation("sub-box-p1")).isEqualTo(StockReservation.Status.SHIPPED);
        Histories.recordIfAsked(client, WorkflowIds.order("sub-box-p1"), "order-box-delivered");
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-box"), "subscription-box-orders");
    }

    @Test
    void twoBoxesPerPeriodChargeTwiceThePriceAndShipTwiceEachLineOfTheBox(TestWorkflowEnvironment env,
                                                                         WorkflowClient client, Worker worker) {
        inventory.stock(BEANS, 100).stock(MUG, 100);
        ordersWorker(env);
        start(env, client, worker, new SubscriptionStart("sub-box-2", "cust-1", COFFEE_MONTHLY, "pm_card_visa", null,
                0, null, null, null, null, HOME, null, null, false, false, SubscriptionItems.of(2)));
        env.sleep(Duration.ofHours(1));

        assertThat(payments.paid()).extracting(InvoiceCharge::amountMinor).containsExactly(5998L);
        OrderState box = orderRecords.latest("sub-box-2-p1");
        assertThat(box.lines()).containsExactly(new StockLine(BEANS, 4), new StockLine(MUG, 2));
        assertThat(box.prepaidBy().paidMinor()).isEqualTo(5998L);
        assertThat(boxes.due()).extracting(due -> due.items()).containsExactly(
                List.of(new BoxItem(BEANS, 4), new BoxItem(MUG, 2)));
    }

    @Test
    void continuingAsNewShipsEachPeriodsBoxOnceAndLeavesTheBoxesRunning(TestWorkflowEnvironment env,
                                                                        WorkflowClient client, Worker worker) {
        inventory.stock(BEANS, 100).stock(MUG, 100);
        subscribe(env, client, worker, "sub-can", 1);
        env.sleep(Duration.ofDays(59).plusHours(1));

        assertThat(payments.paid()).extracting(InvoiceCharge::period).containsExactly(1, 2, 3);
        assertThat(childStarts(client, "sub-can", firstRun.getRunId())).containsExactly("order-sub-can-p1");
        for (int period = 1; period <= 3; period++) {
            assertThat(orderRecords.latest("sub-can-p" + period)).as("box %d", period).isNotNull();
            assertThat(status(client, "sub-can-p" + period)).as("box %d is abandoned, not closed, by the hand-over",
                    period).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        }
        assertThat(inventory.reserveCalls()).as("one reservation per box").isEqualTo(3);
        // The test server keeps children running whatever the policy; the real server applies it when a run closes.
        assertThat(events(client, "sub-can", firstRun.getRunId(),
                EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED))
                .extracting(event -> event.getStartChildWorkflowExecutionInitiatedEventAttributes())
                .allSatisfy(start -> {
                    assertThat(start.getParentClosePolicy()).isEqualTo(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON);
                    assertThat(start.getWorkflowIdReusePolicy())
                            .isEqualTo(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
                    assertThat(start.getTaskQueue().getName()).isEqualTo(TaskQueues.ORDERS);
                }).hasSize(1);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-can"), firstRun.getRunId(),
                "subscription-box-orders-first-run-continued");
    }

    @Test
    void aSubscriptionRunAgainForAPaidPeriodFindsItsBoxAlreadyStartedAndDoesNotShipItTwice(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        inventory.stock(BEANS, 100).stock(MUG, 100);
        SubscriptionWorkflow subscription = subscribe(env, client, worker, "sub-again", 0);
        env.sleep(Duration.ofHours(1));
        assertThat(shipping.booked("sub-again-p1")).isTrue();

        // As a reset to the start would: the same subscription runs period 1 again from scratch.
        WorkflowStub.fromTyped(subscription).terminate("reset-like re-run in a test");
        launch(client, worker, start("sub-again", 0));
        env.sleep(Duration.ofHours(1));

        assertThat(subscription.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(payments.paid()).as("period 1 charged once").hasSize(1);
        assertThat(shipping.attempts()).as("the box booked once").isEqualTo(1);
        assertThat(inventory.reserveCalls()).as("its stock reserved once").isEqualTo(1);
        assertThat(events(client, "sub-again", null, EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED))
                .as("the second start was refused as already started").hasSize(1);
        assertThat(status(client, "sub-again-p1")).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        assertThat(client.newUntypedWorkflowStub(WorkflowIds.subscription("sub-again")).describe().getStatus())
                .as("the re-run took the refusal as shipped and carries on")
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        env.sleep(Duration.ofDays(28));
        assertThat(payments.paid()).extracting(InvoiceCharge::period).containsExactly(1, 2);
        assertThat(shipping.booked("sub-again-p2")).as("the next period ships as usual").isTrue();
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-again"), "subscription-box-already-started");
    }

    @Test
    void aBoxOutOfStockWaitsForTheRestockThatWakesIt(TestWorkflowEnvironment env, WorkflowClient client,
                                                    Worker worker) {
        subscribe(env, client, worker, "sub-wait", 0);
        env.sleep(Duration.ofHours(1));
        OrderFulfillmentWorkflow box = client.newWorkflowStub(OrderFulfillmentWorkflow.class,
                WorkflowIds.order("sub-wait-p1"));
        OrderState waiting = box.state();
        assertThat(waiting.status()).isEqualTo(OrderStatus.BACKORDERED);
        assertThat(waiting.backorderDeadlineAt()).as("waits until the period ends").isEqualTo(FEB_28_2027);

        env.sleep(Duration.ofDays(3));
        inventory.stock(BEANS, 2).stock(MUG, 1);
        box.restocked(new Restocked(MUG));
        env.sleep(Duration.ofMinutes(1));

        assertThat(box.state().status()).isEqualTo(OrderStatus.SHIPMENT_BOOKED);
        assertThat(shipping.booked("sub-wait-p1")).isTrue();
        assertThat(payments.refunds()).isEmpty();
    }

    @Test
    void aBoxStillUnfilledWhenItsPeriodEndsIsRefundedOnceAndTheSubscriberTold(TestWorkflowEnvironment env,
                                                                              WorkflowClient client, Worker worker) {
        inventory.stock(MUG, 100);
        subscribe(env, client, worker, "sub-short", 0);
        env.sleep(Duration.ofDays(28).plusHours(1));

        OrderState unfilled = WorkflowStub.fromTyped(client.newWorkflowStub(OrderFulfillmentWorkflow.class,
                WorkflowIds.order("sub-short-p1"))).getResult(OrderState.class);
        assertThat(unfilled.status()).isEqualTo(OrderStatus.CANCELED_BACKORDER);
        assertThat(unfilled.refundedMinor()).isEqualTo(2999);
        assertThat(unfilled.chargedMinor()).isZero();
        assertThat(payments.refunds()).extracting(RefundReceipt::refundKey, RefundReceipt::amountMinor)
                .containsExactly(tuple("box-sub-short-p1", 2999L));
        assertThat(notifications.sent()).filteredOn(sent -> sent.template().equals("box_unfilled"))
                .singleElement().satisfies(sent -> {
                    assertThat(sent.customerId()).isEqualTo("cust-1");
                    assertThat(sent.data()).containsEntry("period", "1").containsEntry("amountMinor", "2999");
                });
        // Period 2 was paid at the same moment and its box waits in turn, with nothing refunded yet.
        assertThat(orderRecords.latest("sub-short-p2").status()).isEqualTo(OrderStatus.BACKORDERED);
        assertThat(orderPayments.chargeCount()).isZero();
        Histories.recordIfAsked(client, WorkflowIds.order("sub-short-p1"), "order-box-unfilled-refunded");
    }

    @Test
    void aNewShippingAddressGoesWithTheNextBoxesAlsoAfterContinuingAsNew(TestWorkflowEnvironment env,
                                                                        WorkflowClient client, Worker worker) {
        inventory.stock(BEANS, 100).stock(MUG, 100);
        SubscriptionWorkflow subscription = subscribe(env, client, worker, "sub-moved", 1);
        env.sleep(Duration.ofHours(1));

        assertThatThrownBy(() -> subscription.changeShippingAddress(new ShippingAddress("Ada", "", null, "Utrecht",
                "3511 ED", "NL"))).isInstanceOf(WorkflowUpdateException.class);
        assertThat(subscription.changeShippingAddress(OFFICE).shippingAddress()).isEqualTo(OFFICE);
        env.sleep(Duration.ofDays(59));

        assertThat(orderRecords.latest("sub-moved-p1").shippingAddress()).as("started before the move")
                .isEqualTo(HOME);
        assertThat(orderRecords.latest("sub-moved-p2").shippingAddress()).isEqualTo(OFFICE);
        assertThat(orderRecords.latest("sub-moved-p3").shippingAddress()).as("carried over to the next runs")
                .isEqualTo(OFFICE);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-moved"), firstRun.getRunId(),
                "subscription-box-address-changed");
    }

    @Test
    void aDigitalPlanShipsNoBox(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        ordersWorker(env);
        SubscriptionStart digital = new SubscriptionStart("sub-digital", "cust-1", MONTHLY, "pm_card_visa", null, 0,
                null, null, null, null, HOME);
        start(env, client, worker, digital);
        env.sleep(Duration.ofDays(30));

        assertThat(payments.paid()).hasSize(2);
        assertThat(childStarts(client, "sub-digital", null)).isEmpty();
        assertThat(orderRecords.latest("sub-digital-p1")).isNull();
    }

    // ---- support --------------------------------------------------------------------------------------------

    private SubscriptionWorkflow subscribe(TestWorkflowEnvironment env, WorkflowClient client, Worker worker,
                                           String subscriptionId, int periodsPerRun) {
        ordersWorker(env);
        return start(env, client, worker, start(subscriptionId, periodsPerRun));
    }

    private static SubscriptionStart start(String subscriptionId, int periodsPerRun) {
        return new SubscriptionStart(subscriptionId, "cust-1", COFFEE_MONTHLY, "pm_card_visa", null, periodsPerRun,
                null, null, null, null, HOME);
    }

    /** The {@code orders} queue, where the boxes run: the order workflow with its activities and the box refunds. */
    private void ordersWorker(TestWorkflowEnvironment env) {
        Worker orders = env.newWorker(TaskQueues.ORDERS);
        orders.registerWorkflowImplementationTypes(WorkflowImplementationOptions.newBuilder()
                .setFailWorkflowExceptionTypes(NullPointerException.class, IllegalArgumentException.class,
                        IllegalStateException.class, ClassCastException.class)
                .build(), OrderFulfillmentWorkflowImpl.class);
        orders.registerActivitiesImplementations(inventory, orderPayments, shipping, orderRecords, payments,
                notifications);
    }

    /** The workflow ids of the children a subscription run started (its latest run when runId is null). */
    private static List<String> childStarts(WorkflowClient client, String subscriptionId, String runId) {
        return events(client, subscriptionId, runId, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED).stream()
                .map(event -> event.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution()
                        .getWorkflowId())
                .toList();
    }

    private static List<HistoryEvent> events(WorkflowClient client, String subscriptionId, String runId,
                                             EventType type) {
        String workflowId = WorkflowIds.subscription(subscriptionId);
        return (runId == null ? client.fetchHistory(workflowId) : client.fetchHistory(workflowId, runId))
                .getEvents().stream().filter(event -> event.getEventType() == type).toList();
    }

    private static WorkflowExecutionStatus status(WorkflowClient client, String orderId) {
        return client.newUntypedWorkflowStub(WorkflowIds.order(orderId)).describe().getStatus();
    }
}

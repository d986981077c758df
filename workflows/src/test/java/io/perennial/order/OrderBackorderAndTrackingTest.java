package io.perennial.order;

import io.perennial.restock.Backorder;
import io.perennial.shipping.CarrierEventType;
import io.perennial.shipping.ReceivedCarrierEvent;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.perennial.order.OrderStatus.BACKORDERED;
import static io.perennial.order.OrderStatus.CANCELED;
import static io.perennial.order.OrderStatus.CANCELED_BACKORDER;
import static io.perennial.order.OrderStatus.DELIVERED;
import static io.perennial.order.OrderStatus.OUT_FOR_DELIVERY;
import static io.perennial.order.OrderStatus.PICKED_UP;
import static io.perennial.order.OrderStatus.RECEIVED;
import static io.perennial.order.OrderStatus.SHIPMENT_BOOKED;
import static io.perennial.order.OrderStatus.SHIPMENT_EXCEPTION;
import static org.assertj.core.api.Assertions.assertThat;

/** Waiting for stock, and following the carrier's events. */
class OrderBackorderAndTrackingTest extends OrderWorkflowTestSupport {

    @Test
    void anOutOfStockOrderWaitsAsBackorderedAndARestockWakesIt(TestWorkflowEnvironment env, WorkflowClient client,
                                                                Worker worker) {
        inventory.stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-backorder", "pm_card_visa"));

        OrderState waiting = settle(env, workflow);
        assertThat(waiting.status()).isEqualTo(BACKORDERED);
        assertThat(waiting.backorderedSkus()).containsExactly(BEANS);
        assertThat(waiting.backorderDeadlineAt()).isEqualTo(MARCH_1_2027.plus(Duration.ofDays(7)));
        assertThat(waiting.history().get(1).reason()).isEqualTo("out of stock: BEANS-250 (2 asked, 0 free)");
        assertThat(waiting.chargedMinor()).isZero();
        assertThat(orderStatusAttribute(client, "o-backorder")).isEqualTo("BACKORDERED");
        assertThat(records.latest("o-backorder").status()).isEqualTo(BACKORDERED);
        assertThat(inventory.backorders()).as("registered with the restock of the missing SKU only")
                .containsExactly(new Backorder("order-o-backorder", BEANS, 2));

        env.sleep(Duration.ofHours(2));
        workflow.restocked(new Restocked("OTHER-SKU"));
        assertThat(settle(env, workflow).status()).as("a restock of another SKU changes nothing").isEqualTo(BACKORDERED);
        int triesBefore = inventory.reserveCalls();

        inventory.stock(BEANS, 5);
        workflow.restocked(new Restocked(BEANS));
        OrderState booked = settle(env, workflow);

        assertThat(booked.status()).isEqualTo(SHIPMENT_BOOKED);
        assertThat(inventory.reserveCalls()).isEqualTo(triesBefore + 1);
        assertThat(booked.history().get(2).at()).as("woken by the restock, not by the 12-hour re-check")
                .isBefore(MARCH_1_2027.plus(Duration.ofHours(3)));
        assertThat(booked.backorderedSkus()).isEmpty();
        assertThat(booked.chargedMinor()).isEqualTo(4599);
        OrderHistories.recordIfAsked(client, WorkflowIds.order("o-backorder"), "order-backorder-registered-restocked");
    }

    @Test
    void aBackorderedOrderAlsoFindsStockThatCameInWithoutARestockSignal(TestWorkflowEnvironment env,
                                                                       WorkflowClient client, Worker worker) {
        inventory.stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-recheck", "pm_card_visa"));
        assertThat(settle(env, workflow).status()).isEqualTo(BACKORDERED);

        inventory.stock(BEANS, 2);
        env.sleep(OrderFulfillmentWorkflowImpl.RESTOCK_RECHECK);

        assertThat(workflow.state().status()).isEqualTo(SHIPMENT_BOOKED);
    }

    @Test
    void aBackorderPastItsDeadlineIsCanceledWithNothingCharged(TestWorkflowEnvironment env, WorkflowClient client,
                                                                Worker worker) {
        inventory.stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-expired", "pm_card_visa"));

        env.sleep(Duration.ofDays(7).plusHours(1));
        OrderState canceled = result(workflow);

        assertThat(statuses(canceled)).containsExactly(RECEIVED, BACKORDERED, CANCELED_BACKORDER);
        assertThat(canceled.history().get(2).at()).isEqualTo(MARCH_1_2027.plus(Duration.ofDays(7)));
        assertThat(canceled.failureReason()).isEqualTo("no stock of BEANS-250 arrived within PT168H");
        assertThat(canceled.chargedMinor()).isZero();
        assertThat(payments.charged("o-expired")).isZero();
        assertThat(payments.refundCalls()).as("nothing was charged, so there is nothing to refund").isEmpty();
        assertThat(inventory.reservation("o-expired")).isNull();
        assertThat(inventory.free(MUG)).isEqualTo(1);
        assertThat(shipping.attempts()).isZero();
        assertThat(orderStatusAttribute(client, "o-expired")).isEqualTo("CANCELED_BACKORDER");
        OrderHistories.recordIfAsked(client, WorkflowIds.order("o-expired"), "order-backorder-expired");
    }

    @Test
    void aCancelWhileBackorderedEndsTheWaitAtOnce(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-cancel-waiting", "pm_card_visa"));
        assertThat(settle(env, workflow).status()).isEqualTo(BACKORDERED);

        workflow.cancel(new OrderCancellation("found it elsewhere", "cust-1"));
        OrderState canceled = result(workflow);

        assertThat(statuses(canceled)).containsExactly(RECEIVED, BACKORDERED, CANCELED);
        assertThat(canceled.history().get(2).at()).isBefore(MARCH_1_2027.plus(Duration.ofHours(1)));
        assertThat(payments.charged("o-cancel-waiting")).isZero();
    }

    @Test
    void duplicateAndLateCarrierEventsNeverMoveTheOrderBackwards(TestWorkflowEnvironment env, WorkflowClient client,
                                                                 Worker worker) {
        inventory.stock(BEANS, 2).stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-events", "pm_card_visa"));
        settle(env, workflow);

        workflow.carrierEvent(event("ev-1", CarrierEventType.PICKED_UP, "2027-03-01T15:00:00Z"));
        workflow.carrierEvent(event("ev-1", CarrierEventType.PICKED_UP, "2027-03-01T15:00:00Z"));
        workflow.carrierEvent(event("ev-3", CarrierEventType.OUT_FOR_DELIVERY, "2027-03-02T07:00:00Z"));
        workflow.carrierEvent(event("ev-2", CarrierEventType.IN_TRANSIT, "2027-03-01T20:00:00Z"));
        workflow.carrierEvent(event("ev-3", CarrierEventType.OUT_FOR_DELIVERY, "2027-03-02T07:00:00Z"));
        OrderState state = settle(env, workflow);

        assertThat(state.status()).isEqualTo(OUT_FOR_DELIVERY);
        assertThat(statuses(state)).containsExactly(RECEIVED, OrderStatus.STOCK_RESERVED, OrderStatus.PAID,
                SHIPMENT_BOOKED, PICKED_UP, OUT_FOR_DELIVERY);
        assertThat(state.carrierEvents()).extracting(ReceivedCarrierEvent::eventId)
                .containsExactly("ev-1", "ev-3", "ev-2");
        assertThat(state.carrierEvents()).extracting(ReceivedCarrierEvent::effect).containsExactly(
                ReceivedCarrierEvent.Effect.APPLIED, ReceivedCarrierEvent.Effect.APPLIED,
                ReceivedCarrierEvent.Effect.OUT_OF_ORDER);
        assertThat(state.duplicateCarrierEvents()).isEqualTo(2);
        assertThat(inventory.shipped()).as("stock leaves the shelf once").containsExactly("order-o-events");

        workflow.carrierEvent(event("ev-4", CarrierEventType.DELIVERED, "2027-03-02T11:00:00Z"));
        assertThat(result(workflow).status()).isEqualTo(DELIVERED);
        OrderHistories.recordIfAsked(client, WorkflowIds.order("o-events"), "order-duplicate-and-late-events");
    }

    @Test
    void aShipmentNotPickedUpInTimeRaisesAnExceptionAndTheOrderKeepsWaiting(TestWorkflowEnvironment env,
                                                                             WorkflowClient client, Worker worker) {
        inventory.stock(BEANS, 2).stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-pickup", "pm_card_visa"));
        settle(env, workflow);

        env.sleep(Duration.ofHours(47));
        assertThat(workflow.state().status()).isEqualTo(SHIPMENT_BOOKED);
        env.sleep(Duration.ofHours(1));

        OrderState late = workflow.state();
        assertThat(late.status()).isEqualTo(SHIPMENT_EXCEPTION);
        assertThat(late.history().get(late.history().size() - 1).reason()).isEqualTo("not picked up within PT48H");
        assertThat(late.history().get(late.history().size() - 1).at())
                .isEqualTo(MARCH_1_2027.plus(Duration.ofHours(48)));
        assertThat(orderStatusAttribute(client, "o-pickup")).isEqualTo("SHIPMENT_EXCEPTION");
        assertThat(records.latest("o-pickup").status()).isEqualTo(SHIPMENT_EXCEPTION);

        env.sleep(Duration.ofDays(3));
        assertThat(workflow.state().status()).as("still waiting for the carrier").isEqualTo(SHIPMENT_EXCEPTION);
        workflow.carrierEvent(event("ev-1", CarrierEventType.PICKED_UP, "2027-03-06T10:00:00Z"));
        assertThat(settle(env, workflow).status()).isEqualTo(PICKED_UP);
        assertThat(orderStatusAttribute(client, "o-pickup")).isEqualTo("PICKED_UP");
        workflow.carrierEvent(event("ev-2", CarrierEventType.DELIVERED, "2027-03-07T10:00:00Z"));
        assertThat(result(workflow).status()).isEqualTo(DELIVERED);
    }

    @Test
    void aCanceledOrderIsNotCanceledAgain(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-twice", "pm_card_visa"));
        settle(env, workflow);
        workflow.cancel(new OrderCancellation(null, null));

        OrderState canceled = result(workflow);

        assertThat(canceled.status()).isEqualTo(CANCELED);
        assertThat(canceled.failureReason()).isEqualTo("canceled by the customer: no reason given");
    }
}

package io.perennial.order;

import io.perennial.inventory.StockReservation;
import io.perennial.shipping.CarrierEventType;
import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import static io.perennial.order.OrderStatus.CANCELED;
import static io.perennial.order.OrderStatus.DELIVERED;
import static io.perennial.order.OrderStatus.FAILED;
import static io.perennial.order.OrderStatus.IN_TRANSIT;
import static io.perennial.order.OrderStatus.OUT_FOR_DELIVERY;
import static io.perennial.order.OrderStatus.PAID;
import static io.perennial.order.OrderStatus.PICKED_UP;
import static io.perennial.order.OrderStatus.RECEIVED;
import static io.perennial.order.OrderStatus.SHIPMENT_BOOKED;
import static io.perennial.order.OrderStatus.STOCK_RESERVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The saga's steps, their failures and compensations, cancel and address change. */
class OrderFulfillmentWorkflowTest extends OrderWorkflowTestSupport {

    @Test
    void anOrderIsReservedChargedBookedAndFollowedToDelivery(TestWorkflowEnvironment env, WorkflowClient client,
                                                             Worker worker) {
        inventory.stock(BEANS, 10).stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-happy", "pm_card_visa"));

        OrderState booked = settle(env, workflow);
        assertThat(booked.status()).isEqualTo(SHIPMENT_BOOKED);
        assertThat(booked.trackingNumber()).isEqualTo("SPO-HAPPY");
        assertThat(booked.labelReference()).isEqualTo("label-shp-o-happy");
        assertThat(booked.chargedMinor()).isEqualTo(4599);
        assertThat(booked.pickupDeadlineAt()).isEqualTo(MARCH_1_2027.plusSeconds(48 * 3600));
        assertThat(orderStatusAttribute(client, "o-happy")).isEqualTo("SHIPMENT_BOOKED");
        assertThat(shipping.request("o-happy").address()).isEqualTo(HOME);

        workflow.carrierEvent(event("ev-1", CarrierEventType.PICKED_UP, "2027-03-01T15:00:00Z"));
        workflow.carrierEvent(event("ev-2", CarrierEventType.IN_TRANSIT, "2027-03-01T20:00:00Z"));
        env.sleep(java.time.Duration.ofHours(20));
        assertThat(inventory.reservation("o-happy")).isEqualTo(StockReservation.Status.SHIPPED);
        workflow.carrierEvent(event("ev-3", CarrierEventType.OUT_FOR_DELIVERY, "2027-03-02T07:00:00Z"));
        workflow.carrierEvent(event("ev-4", CarrierEventType.DELIVERED, "2027-03-02T11:00:00Z"));

        OrderState delivered = result(workflow);
        assertThat(statuses(delivered)).containsExactly(RECEIVED, STOCK_RESERVED, PAID, SHIPMENT_BOOKED, PICKED_UP,
                IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED);
        assertThat(delivered.history().get(0).at()).isEqualTo(MARCH_1_2027);
        assertThat(delivered.chargedMinor()).isEqualTo(4599);
        assertThat(delivered.refundedMinor()).isZero();
        assertThat(delivered.paymentId()).isEqualTo("pay-o-happy");
        assertThat(payments.refundCalls()).isEmpty();
        assertThat(shipping.canceled()).isEmpty();
        assertThat(inventory.shipped()).containsExactly("order-o-happy");
        assertThat(records.latest("o-happy").status()).isEqualTo(DELIVERED);
        assertThat(records.latest("o-happy").trackingNumber()).isEqualTo("SPO-HAPPY");
        assertThat(orderStatusAttribute(client, "o-happy")).isEqualTo("DELIVERED");
        var description = client.newUntypedWorkflowStub(WorkflowIds.order("o-happy")).describe();
        assertThat(description.getTypedSearchAttributes().get(PerennialSearchAttributes.CUSTOMER_ID))
                .isEqualTo("cust-1");
        assertThat(description.getStaticSummary()).isEqualTo("Order o-happy · 3 items · 4599 EUR (minor units) · "
                + "customer cust-1");
        OrderHistories.recordIfAsked(client, WorkflowIds.order("o-happy"), "order-delivered");
    }

    @Test
    void aDeclinedChargeReleasesTheStockAndFailsTheOrder(TestWorkflowEnvironment env, WorkflowClient client,
                                                        Worker worker) {
        inventory.stock(BEANS, 2).stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-declined", "pm_card_declined"));

        OrderState failed = result(workflow);

        assertThat(failed.status()).isEqualTo(FAILED);
        assertThat(statuses(failed)).containsExactly(RECEIVED, STOCK_RESERVED, FAILED);
        assertThat(failed.failureReason()).startsWith("charge failed: Charge order-o-declined:charge declined")
                .contains("PaymentDeclined");
        assertThat(inventory.reservation("o-declined")).isEqualTo(StockReservation.Status.RELEASED);
        assertThat(inventory.free(BEANS)).isEqualTo(2);
        assertThat(failed.chargedMinor()).isZero();
        assertThat(payments.charged("o-declined")).isZero();
        assertThat(shipping.attempts()).isZero();
        assertThat(records.latest("o-declined").status()).isEqualTo(FAILED);
        assertThat(orderStatusAttribute(client, "o-declined")).isEqualTo("FAILED");
        OrderHistories.recordIfAsked(client, WorkflowIds.order("o-declined"), "order-charge-declined");
    }

    @Test
    void aRefusedBookingRefundsTheChargeAndReleasesTheStock(TestWorkflowEnvironment env, WorkflowClient client,
                                                            Worker worker) {
        inventory.stock(BEANS, 2).stock(MUG, 1);
        shipping.mode(FakeShipping.Mode.REFUSES);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-refused", "pm_card_visa"));

        OrderState failed = result(workflow);

        assertThat(statuses(failed)).containsExactly(RECEIVED, STOCK_RESERVED, PAID, FAILED);
        assertThat(failed.failureReason()).isEqualTo(
                "shipment booking failed: carrier does not deliver to NL [ShipmentRefused]");
        assertThat(shipping.attempts()).as("a refusal is not retried").isEqualTo(1);
        assertThat(failed.chargedMinor()).isEqualTo(4599);
        assertThat(failed.refundedMinor()).isEqualTo(4599);
        assertThat(payments.refunded("o-refused")).isEqualTo(4599);
        assertThat(inventory.reservation("o-refused")).isEqualTo(StockReservation.Status.RELEASED);
        assertThat(shipping.canceled()).as("the booking's compensation ran too: nothing can be booked later")
                .containsExactly("shp-o-refused");
        assertThat(shipping.booked("o-refused")).isFalse();
        OrderHistories.recordIfAsked(client, WorkflowIds.order("o-refused"), "order-booking-refused");
    }

    @Test
    void aCompensationThatFailsForGoodDoesNotStopTheOthersAndTheOrderSaysOpsMustFinish(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        inventory.stock(BEANS, 2).stock(MUG, 1);
        shipping.mode(FakeShipping.Mode.REFUSES);
        payments.refuseRefunds();
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-stuck-refund", "pm_card_visa"));

        OrderState failed = result(workflow);

        assertThat(failed.status()).isEqualTo(FAILED);
        assertThat(failed.failureReason()).startsWith("shipment booking failed: carrier does not deliver to NL")
                .contains("undoing it failed, ops must finish");
        assertThat(failed.refundedMinor()).isZero();
        assertThat(shipping.canceled()).containsExactly("shp-o-stuck-refund");
        assertThat(inventory.reservation("o-stuck-refund")).isEqualTo(StockReservation.Status.RELEASED);
    }

    @Test
    void aCarrierThatStaysDownFailsTheOrderAfterItsRetriesAndEverythingIsUndone(TestWorkflowEnvironment env,
                                                                                WorkflowClient client, Worker worker) {
        inventory.stock(BEANS, 2).stock(MUG, 1);
        shipping.mode(FakeShipping.Mode.DOWN);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-down", "pm_card_visa"));

        OrderState failed = result(workflow);

        assertThat(failed.status()).isEqualTo(FAILED);
        assertThat(failed.failureReason()).isEqualTo(
                "shipment booking failed: carrier answered HTTP 503 [carrier_unavailable]");
        assertThat(shipping.attempts()).isEqualTo(6);
        assertThat(payments.refunded("o-down")).isEqualTo(4599);
        assertThat(inventory.reservation("o-down")).isEqualTo(StockReservation.Status.RELEASED);
    }

    @Test
    void aCancelWhileTheBookingIsOnItsWayUndoesTheBookingTheChargeAndTheReservation(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) throws InterruptedException {
        inventory.stock(BEANS, 2).stock(MUG, 1);
        shipping.holdBookings();
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-cancel", "pm_card_visa"));
        shipping.awaitBookingStarted();

        workflow.cancel(new OrderCancellation("changed my mind", "cust-1"));
        shipping.answerBookings();
        OrderState canceled = result(workflow);

        assertThat(statuses(canceled)).containsExactly(RECEIVED, STOCK_RESERVED, PAID, CANCELED);
        assertThat(canceled.cancellation().honoured()).isTrue();
        assertThat(canceled.failureReason()).isEqualTo("canceled by cust-1: changed my mind");
        assertThat(shipping.canceled()).containsExactly("shp-o-cancel");
        assertThat(shipping.booked("o-cancel")).isFalse();
        assertThat(canceled.refundedMinor()).isEqualTo(4599);
        assertThat(inventory.reservation("o-cancel")).isEqualTo(StockReservation.Status.RELEASED);
        assertThat(records.latest("o-cancel").status()).isEqualTo(CANCELED);
        OrderHistories.recordIfAsked(client, WorkflowIds.order("o-cancel"), "order-canceled-before-booking");
    }

    @Test
    void aCancelAfterTheShipmentIsBookedIsRefusedAndRecorded(TestWorkflowEnvironment env, WorkflowClient client,
                                                             Worker worker) {
        inventory.stock(BEANS, 2).stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-late-cancel", "pm_card_visa"));
        settle(env, workflow);

        workflow.cancel(new OrderCancellation("too slow", "cust-1"));
        OrderState after = settle(env, workflow);

        assertThat(after.status()).isEqualTo(SHIPMENT_BOOKED);
        assertThat(after.cancellation().honoured()).isFalse();
        assertThat(after.cancellation().answer()).isEqualTo("refused: the shipment is booked (tracking SPO-LATE-CANCEL)");
        assertThat(records.latest("o-late-cancel").cancellation().honoured()).isFalse();
        assertThat(payments.refundCalls()).isEmpty();
        assertThat(shipping.canceled()).isEmpty();

        workflow.carrierEvent(event("ev-1", CarrierEventType.PICKED_UP, "2027-03-01T15:00:00Z"));
        workflow.carrierEvent(event("ev-2", CarrierEventType.DELIVERED, "2027-03-02T15:00:00Z"));
        assertThat(result(workflow).status()).isEqualTo(DELIVERED);
    }

    @Test
    void theAddressChangesBeforeBookingAndIsRefusedAfter(TestWorkflowEnvironment env, WorkflowClient client,
                                                         Worker worker) {
        inventory.stock(MUG, 1);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-address", "pm_card_visa"));
        assertThat(settle(env, workflow).status()).isEqualTo(OrderStatus.BACKORDERED);

        assertThatThrownBy(() -> workflow.changeAddress(new ShippingAddress("Ada", "", null, "Utrecht", "3511 ED",
                "Netherlands"))).isInstanceOf(WorkflowUpdateException.class).rootCause()
                .hasMessageContaining("invalid address: line1 is required; countryCode must be an ISO 3166-1 alpha-2");
        OrderState changed = workflow.changeAddress(OFFICE);
        assertThat(changed.shippingAddress()).isEqualTo(OFFICE);
        assertThat(settle(env, workflow).shippingAddress()).isEqualTo(OFFICE);
        assertThat(records.latest("o-address").shippingAddress()).isEqualTo(OFFICE);

        inventory.stock(BEANS, 2);
        workflow.restocked(new Restocked(BEANS));
        assertThat(settle(env, workflow).status()).isEqualTo(SHIPMENT_BOOKED);
        assertThat(shipping.request("o-address").address()).isEqualTo(OFFICE);

        assertThatThrownBy(() -> workflow.changeAddress(HOME)).isInstanceOf(WorkflowUpdateException.class)
                .rootCause().hasMessageContaining("the shipment is booked; its address can no longer change");
        assertThat(workflow.state().shippingAddress()).isEqualTo(OFFICE);
    }
}

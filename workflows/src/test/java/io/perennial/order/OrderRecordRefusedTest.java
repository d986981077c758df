package io.perennial.order;

import io.perennial.inventory.StockReservation;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import static io.perennial.order.OrderStatus.FAILED;
import static io.perennial.order.OrderStatus.PAID;
import static io.perennial.order.OrderStatus.RECEIVED;
import static io.perennial.order.OrderStatus.STOCK_RESERVED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record the read model refuses for good (PostgreSQL cannot hold what it holds) ends the order as FAILED and
 * undoes it, instead of retrying the record step for ever with the customer's money and stock held.
 */
class OrderRecordRefusedTest extends OrderWorkflowTestSupport {

    @Test
    void aRefusedFirstRecordFailsTheOrderBeforeAnyStockIsHeldOrMoneyTaken(TestWorkflowEnvironment env,
                                                                        WorkflowClient client, Worker worker) {
        inventory.stock(BEANS, 2).stock(MUG, 1);
        records.refuse(RECEIVED);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-refused-first", "pm_card_visa"));

        OrderState failed = result(workflow);

        assertThat(statuses(failed)).containsExactly(RECEIVED, FAILED);
        assertThat(failed.failureReason()).startsWith("recording the order failed: the orders read model refused")
                .contains("OrderRecordRefused");
        assertThat(inventory.reservation("o-refused-first")).isNull();
        assertThat(payments.charged("o-refused-first")).isZero();
        assertThat(orderStatusAttribute(client, "o-refused-first")).isEqualTo("FAILED");
    }

    @Test
    void aRecordRefusedAfterTheChargeRefundsItReleasesTheStockAndFailsTheOrder(TestWorkflowEnvironment env,
                                                                               WorkflowClient client, Worker worker) {
        inventory.stock(BEANS, 2).stock(MUG, 1);
        records.refuse(PAID);
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-refused-paid", "pm_card_visa"));

        OrderState failed = result(workflow);

        assertThat(statuses(failed)).containsExactly(RECEIVED, STOCK_RESERVED, PAID, FAILED);
        assertThat(failed.chargedMinor()).isEqualTo(4599);
        assertThat(failed.refundedMinor()).isEqualTo(4599);
        assertThat(payments.refunded("o-refused-paid")).isEqualTo(4599);
        assertThat(inventory.reservation("o-refused-paid")).isEqualTo(StockReservation.Status.RELEASED);
        assertThat(shipping.attempts()).as("nothing is booked for an order that cannot be recorded").isZero();
        assertThat(records.latest("o-refused-paid").status()).as("the last record the read model took")
                .isEqualTo(STOCK_RESERVED);
        assertThat(orderStatusAttribute(client, "o-refused-paid")).isEqualTo("FAILED");
        OrderHistories.recordIfAsked(client, WorkflowIds.order("o-refused-paid"), "order-record-refused");
    }
}

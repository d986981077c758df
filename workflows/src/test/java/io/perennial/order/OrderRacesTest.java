package io.perennial.order;

import io.perennial.shipping.CarrierEventType;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import static io.perennial.order.OrderStatus.BACKORDERED;
import static io.perennial.order.OrderStatus.DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;

/** Changes that arrive while the order's read model is being written. */
class OrderRacesTest extends OrderWorkflowTestSupport {

    /**
     * A new address accepted while the backordered order's row is written is written too; before the fix the row kept
     * the old address for as long as the order waited for stock (up to its deadline).
     */
    @Test
    void anAddressChangedWhileTheBackorderIsWrittenReachesTheReadModel(TestWorkflowEnvironment env,
                                                                      WorkflowClient client, Worker worker) {
        inventory.stock(MUG, 1);
        records.onRecord(state -> state.status() == BACKORDERED,
                () -> client.newUntypedWorkflowStub(WorkflowIds.order("o-address-race")).startUpdate("changeAddress",
                        WorkflowUpdateStage.ACCEPTED, OrderState.class, OFFICE));
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-address-race", "pm_card_visa"));

        OrderState waiting = settle(env, workflow);

        assertThat(waiting.status()).isEqualTo(BACKORDERED);
        assertThat(waiting.shippingAddress()).isEqualTo(OFFICE);
        OrderState row = records.latest("o-address-race");
        assertThat(row.shippingAddress()).as("the read model's row").isEqualTo(OFFICE);
        assertThat(row.revision()).isEqualTo(waiting.revision());
        OrderHistories.recordIfAsked(client, WorkflowIds.order("o-address-race"), "order-address-during-record");
    }

    /** A cancel sent while the delivered order's last row is written reaches the row before the workflow ends. */
    @Test
    void aCancelSentWhileTheDeliveredOrderIsWrittenReachesTheReadModelBeforeTheWorkflowEnds(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        inventory.stock(BEANS, 2).stock(MUG, 1);
        records.onRecord(state -> state.status() == DELIVERED,
                () -> client.newWorkflowStub(OrderFulfillmentWorkflow.class, WorkflowIds.order("o-cancel-at-end"))
                        .cancel(new OrderCancellation("changed my mind", "cust-1")));
        OrderFulfillmentWorkflow workflow = start(env, client, worker, order("o-cancel-at-end", "pm_card_visa"));
        settle(env, workflow);

        workflow.carrierEvent(event("ev-1", CarrierEventType.PICKED_UP, "2027-03-01T15:00:00Z"));
        workflow.carrierEvent(event("ev-2", CarrierEventType.DELIVERED, "2027-03-02T15:00:00Z"));
        OrderState delivered = result(workflow);

        assertThat(delivered.status()).isEqualTo(DELIVERED);
        assertThat(delivered.cancellation().honoured()).isFalse();
        OrderState row = records.latest("o-cancel-at-end");
        assertThat(row.cancellation()).as("the read model's row").isEqualTo(delivered.cancellation());
        assertThat(row.revision()).isEqualTo(delivered.revision());
        OrderHistories.recordIfAsked(client, WorkflowIds.order("o-cancel-at-end"), "order-cancel-during-final-record");
    }
}

package io.perennial.order;

import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import static io.perennial.order.OrderStatus.BACKORDERED;
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
}

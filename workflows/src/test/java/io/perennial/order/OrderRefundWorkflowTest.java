package io.perennial.order;

import io.perennial.payment.PaymentFailures;
import io.perennial.payment.RefundReceipt;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderRefundWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(OrderRefundWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    static final Instant AT = Instant.parse("2027-04-02T10:00:00Z");

    /** An order charged 4599, 1000 of it refunded already; the provider is down for the first two calls. */
    static final class FlakyProvider implements OrderRefundActivities {
        final List<OrderRefundRequest> calls = new CopyOnWriteArrayList<>();
        final AtomicInteger outages = new AtomicInteger(2);
        volatile boolean refuses;

        @Override
        public RefundReceipt refundPart(OrderRefundRequest request) {
            calls.add(request);
            if (outages.getAndDecrement() > 0) {
                throw ApplicationFailure.newFailure("provider unavailable", "GatewayUnavailable");
            }
            if (refuses) {
                throw ApplicationFailure.newNonRetryableFailure("refused", PaymentFailures.REFUND_REFUSED);
            }
            long amount = Math.min(4599 - 1000, request.amountMinor());
            return new RefundReceipt("refund-" + request.refundKey(), request.refundKey(), amount, "EUR",
                    "sim_refund");
        }
    }

    private static WorkflowOptions options(String workflowId, Worker worker) {
        return WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(worker.getTaskQueue())
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE).build();
    }

    @Test
    void anOpsRefundOfAnOrderOutlastsAProviderOutageIsCappedAndRunsOncePerKey(TestWorkflowEnvironment env,
                                                                            WorkflowClient client, Worker worker)
            throws Exception {
        FlakyProvider provider = new FlakyProvider();
        worker.registerActivitiesImplementations(provider);
        env.start();
        OrderRefundRequest asked = new OrderRefundRequest("order-ord-7:ops:return-1", "ord-7", 5000,
                "ops_returned", AT);
        String workflowId = WorkflowIds.refund(asked.refundKey());

        RefundReceipt receipt = client.newWorkflowStub(OrderRefundWorkflow.class, options(workflowId, worker))
                .refund(asked);

        // Capped at what the charge has left; two outages retried with the same request (the same key).
        assertThat(receipt.amountMinor()).isEqualTo(3599);
        assertThat(provider.calls).hasSize(3).allSatisfy(call -> assertThat(call).isEqualTo(asked));
        // The same key again is the same workflow: refused as already started, nothing refunded again.
        assertThatThrownBy(() -> WorkflowClient.start(client.newWorkflowStub(OrderRefundWorkflow.class,
                options(workflowId, worker))::refund, asked)).isInstanceOf(WorkflowExecutionAlreadyStarted.class);
        assertThat(provider.calls).hasSize(3);

        WorkflowExecutionHistory history = client.fetchHistory(workflowId);
        Path recorded = Path.of("src/test/resources/histories/ops-order-refund.json");
        if (Boolean.getBoolean("perennial.record-histories")) {
            Files.writeString(recorded, history.toJson(true));
        }
        WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(recorded)),
                OrderRefundWorkflowImpl.class);
    }

    @Test
    void aRefundTheProviderRefusesFailsTheWorkflowWithoutRetrying(TestWorkflowEnvironment env, WorkflowClient client,
                                                                 Worker worker) {
        FlakyProvider provider = new FlakyProvider();
        provider.outages.set(0);
        provider.refuses = true;
        worker.registerActivitiesImplementations(provider);
        env.start();
        OrderRefundRequest asked = new OrderRefundRequest("order-ord-8:ops:damaged", "ord-8", 1000, "ops_damaged",
                AT);

        assertThatThrownBy(() -> client.newWorkflowStub(OrderRefundWorkflow.class,
                options(WorkflowIds.refund(asked.refundKey()), worker)).refund(asked))
                .isInstanceOf(WorkflowFailedException.class);
        assertThat(provider.calls).hasSize(1);
    }
}

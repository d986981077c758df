package io.perennial.ops;

import io.perennial.payment.ChargeReceipt;
import io.perennial.payment.InvoiceCharge;
import io.perennial.payment.PaymentActivities;
import io.perennial.payment.RefundReceipt;
import io.perennial.payment.RefundRequest;
import io.perennial.payment.RenewalCharge;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
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

class PeriodRefundWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(PeriodRefundWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    /** 1299 paid for period 1; the provider is down for the first two refund calls. */
    static final class FlakyProvider implements PaymentActivities {
        final List<RefundRequest> calls = new CopyOnWriteArrayList<>();
        final AtomicInteger outages = new AtomicInteger(2);

        @Override
        public RefundReceipt refund(RefundRequest request) {
            calls.add(request);
            if (outages.getAndDecrement() > 0) {
                throw ApplicationFailure.newFailure("provider unavailable", "GatewayUnavailable");
            }
            long paid = request.period() == 1 ? 1299 : 0;
            long amount = Math.min(paid, request.amountMinor());
            return new RefundReceipt(amount == 0 ? null : "refund-" + request.refundKey(), request.refundKey(), amount,
                    request.currency(), amount == 0 ? null : "sim_refund");
        }

        @Override
        public io.perennial.payment.VoidedInvoiceSettlement settleVoidedInvoice(
                io.perennial.payment.VoidedInvoice invoice) {
            throw new UnsupportedOperationException("an ops refund voids nothing");
        }

        @Override
        public ChargeReceipt chargeRenewal(RenewalCharge charge) {
            throw new UnsupportedOperationException("an ops refund charges nothing");
        }

        @Override
        public ChargeReceipt chargeInvoice(InvoiceCharge charge) {
            throw new UnsupportedOperationException("an ops refund charges nothing");
        }

        @Override
        public io.perennial.payment.CollectedInvoice issueAndCharge(io.perennial.payment.InvoiceToCollect invoice) {
            throw new UnsupportedOperationException("an ops refund charges nothing");
        }
    }

    @Test
    void anOpsRefundOutlastsAProviderOutageGivesBackAtMostWhatWasPaidAndRunsOncePerKey(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) throws Exception {
        FlakyProvider provider = new FlakyProvider();
        worker.registerActivitiesImplementations(provider);
        env.start();
        String workflowId = WorkflowIds.refund("sub-1:ops:ticket-42");
        WorkflowOptions options = WorkflowOptions.newBuilder().setWorkflowId(workflowId)
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE).build();
        RefundRequest asked = new RefundRequest("sub-1:ops:ticket-42", "sub-1", 1, 5000, "EUR", "goodwill",
                Instant.parse("2027-03-01T10:00:00Z"));

        RefundReceipt receipt = client.newWorkflowStub(PeriodRefundWorkflow.class, options).refund(asked);

        // Capped at what the period cost; two outages retried under the same key.
        assertThat(receipt.amountMinor()).isEqualTo(1299);
        assertThat(provider.calls).hasSize(3).allSatisfy(call -> assertThat(call).isEqualTo(asked));
        // The same key again is the same workflow: refused as already started, nothing refunded again.
        assertThatThrownBy(() -> WorkflowClient.start(client.newWorkflowStub(PeriodRefundWorkflow.class, options)::refund,
                asked)).isInstanceOf(WorkflowExecutionAlreadyStarted.class);
        assertThat(provider.calls).hasSize(3);

        WorkflowExecutionHistory history = client.fetchHistory(workflowId);
        Path recorded = Path.of("src/test/resources/histories/ops-period-refund.json");
        if (Boolean.getBoolean("perennial.record-histories")) {
            Files.writeString(recorded, history.toJson(true));
        }
        WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(recorded)),
                PeriodRefundWorkflowImpl.class);
    }
}

package io.perennial.subscription;

import io.perennial.payment.InvoiceCharge;
import io.perennial.payment.PaymentFailures;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment provider refusing us, not the card (the Stripe adapter's {@code gateway_misconfigured}: a revoked API
 * key, a missing permission). The activity raises it as a retryable failure on purpose: the renewal is held like an
 * outage instead of failing the subscription's workflow, and goes through under the same key once ops fix the key.
 */
class SubscriptionGatewayMisconfiguredTest extends SubscriptionWorkflowTestSupport {

    private static final String MISCONFIGURED = "gateway_misconfigured";

    @Test
    void aRejectedApiKeyHoldsTheRenewalInsteadOfFailingTheWorkflowAndAFixedKeyChargesItOnce(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-bad-key", MONTHLY);
        env.sleep(Duration.ofDays(27));
        payments.providerDown(true, MISCONFIGURED);

        env.sleep(Duration.ofDays(1).plusMinutes(45));
        SubscriptionState held = workflow.state();
        assertThat(held.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(held.paymentIssue()).isEqualTo(PaymentFailures.GATEWAY_UNAVAILABLE);
        assertThat(held.failedPaymentCount()).as("not a dunning attempt: the card was never asked").isZero();
        assertThat(payments.providerFailures()).isGreaterThan(3);
        assertThat(client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder().setNamespace(env.getNamespace())
                        .setExecution(firstRun).build()).getWorkflowExecutionInfo().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

        payments.providerDown(false);
        workflow.retryPayment(new PaymentRetryRequest("ops-1", "API key rotated"));
        env.sleep(Duration.ofSeconds(5));

        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-bad-key:1:renewal", "sub-bad-key:2:renewal");
    }
}

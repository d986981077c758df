package io.perennial.subscription;

import io.perennial.billing.InvoiceStatus;
import io.perennial.payment.InvoiceCharge;
import io.perennial.payment.RefundReceipt;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * An upgrade while the payment provider is down: one short attempt, then the change is refused (the API answers 503
 * with Retry-After), its invoice voided and anything the attempt took given back, so nothing the provider does later
 * can apply it. The rule: a refused change leaves the plan as it was and the customer charged nothing.
 */
class SubscriptionPlanChangeOutageTest extends SubscriptionWorkflowTestSupport {

    @Test
    void anUpgradeWhileTheProviderIsDownIsRefusedAtOnceAndStaysRefusedWhenTheProviderComesBack(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-change-outage", MONTHLY);
        env.sleep(Duration.ofDays(10));
        payments.providerDown(true);

        assertUnavailable(() -> workflow.changePlan(new PlanChangeRequest(PREMIUM_MONTHLY)));

        assertThat(payments.providerFailures()).as("one attempt, no retries while the customer waits").isEqualTo(1);
        assertThat(billing.invoice("sub-change-outage:1:change-1").status()).isEqualTo(InvoiceStatus.VOID);
        assertThat(payments.voidedAndAsked()).hasSize(1);

        // The provider is back: nothing left running can charge the refused change or apply it.
        payments.providerDown(false);
        env.sleep(Duration.ofDays(1));
        SubscriptionState after = workflow.state();
        assertThat(after.planId()).isEqualTo("plan_basic_monthly");
        assertThat(after.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-change-outage:1:renewal");

        // Asked again, the change goes through under a new key.
        PlanChangeResult retried = workflow.changePlan(new PlanChangeRequest(PREMIUM_MONTHLY));
        assertThat(retried.state().planId()).isEqualTo("plan_premium_monthly");
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-change-outage:1:renewal", "sub-change-outage:1:change-2");
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-change-outage"),
                "subscription-plan-change-provider-down");
    }

    @Test
    void anUpgradeChargeTheProviderTookWithoutAnsweringIsGivenBackAndThePlanStays(TestWorkflowEnvironment env,
                                                                                  WorkflowClient client,
                                                                                  Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-change-lost", MONTHLY);
        env.sleep(Duration.ofDays(10));
        payments.answersLost(true);

        assertUnavailable(() -> workflow.changePlan(new PlanChangeRequest(PREMIUM_MONTHLY)));

        assertThat(payments.takenUnanswered()).containsOnlyKeys("sub-change-lost:1:change-1");
        long taken = payments.takenUnanswered().get("sub-change-lost:1:change-1").amountMinor();
        assertThat(payments.refunds()).extracting(RefundReceipt::refundKey, RefundReceipt::amountMinor)
                .containsExactly(tuple("sub-change-lost:1:change-1:void-refund", taken));
        assertThat(workflow.state().planId()).isEqualTo("plan_basic_monthly");
        assertThat(billing.invoice("sub-change-lost:1:change-1").status()).isEqualTo(InvoiceStatus.VOID);
    }

    private static void assertUnavailable(Runnable change) {
        assertThatThrownBy(change::run).isInstanceOf(WorkflowUpdateException.class)
                .rootCause().isInstanceOf(ApplicationFailure.class)
                .satisfies(cause -> assertThat(((ApplicationFailure) cause).getType())
                        .isEqualTo(SubscriptionFailures.PLAN_CHANGE_UNAVAILABLE));
    }
}

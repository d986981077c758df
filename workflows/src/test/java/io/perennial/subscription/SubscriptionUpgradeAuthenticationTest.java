package io.perennial.subscription;

import io.perennial.billing.InvoiceStatus;
import io.perennial.payment.InvoiceCharge;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.perennial.subscription.FakePayments.AUTHENTICATION_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * An upgrade whose charge the issuer asks the customer to authenticate stays pending, as Stripe's
 * {@code pending_if_incomplete} updates: the plan is unchanged until the customer approves; a refusal, the deadline,
 * the period end or a cancel leave the old plan, the change's invoice voided and no dunning.
 */
class SubscriptionUpgradeAuthenticationTest extends SubscriptionWorkflowTestSupport {

    private static final Duration A_MINUTE = Duration.ofMinutes(1);
    private static final Instant FEB_10 = Instant.parse("2027-02-10T09:00:00Z");

    /** A monthly subscription paid, then on a card that asks for authentication, upgraded on 10 February. */
    private PlanChangeResult upgradeNeedingTheCustomer(TestWorkflowEnvironment env, WorkflowClient client,
                                                      Worker worker, String id, SubscriptionWorkflow[] started) {
        SubscriptionWorkflow workflow = start(env, client, worker, id, MONTHLY);
        started[0] = workflow;
        env.sleep(Duration.ofDays(10).minus(A_MINUTE));
        workflow.updatePaymentMethod(new PaymentMethodUpdate(AUTHENTICATION_REQUIRED));
        env.sleep(A_MINUTE);
        return workflow.changePlan(new PlanChangeRequest(PREMIUM_MONTHLY));
    }

    @Test
    void anUpgradeNeedingTheCustomerStaysPendingAndAppliesOnceTheyApprove(TestWorkflowEnvironment env,
                                                                          WorkflowClient client, Worker worker) {
        SubscriptionWorkflow[] started = new SubscriptionWorkflow[1];
        PlanChangeResult pending = upgradeNeedingTheCustomer(env, client, worker, "sub-up-sca", started);
        SubscriptionWorkflow workflow = started[0];

        // The answer says what is due and what the customer must do; the plan has not changed yet.
        assertThat(pending.quote().amountDueNowMinor()).isEqualTo(772);
        assertThat(pending.state().planId()).isEqualTo("plan_basic_monthly");
        assertThat(pending.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(pending.state().nextAction()).isEqualTo(new NextAction("authenticate_payment",
                "sub-up-sca:1:change-1", FEB_10.plus(Duration.ofHours(23))));
        env.sleep(A_MINUTE);
        assertThat(records.last().nextAction()).isEqualTo(pending.state().nextAction());
        assertThat(billing.invoice("sub-up-sca:1:change-1").status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(notifications.templates()).containsExactly("plan_change_action_required");
        // Not a dunning matter: the subscription itself owes nothing.
        assertThat(workflow.state().paymentIssue()).isNull();
        assertThat(workflow.state().failedPaymentCount()).isZero();

        env.sleep(Duration.ofMinutes(20));
        assertThat(payments.answerAuthentication("sub-up-sca:1:change-1", true)).isTrue();
        workflow.customerActionAnswered(new CustomerActionAnswer("sub-up-sca:1:change-1"));
        env.sleep(A_MINUTE);

        SubscriptionState upgraded = workflow.state();
        assertThat(upgraded.planId()).isEqualTo("plan_premium_monthly");
        assertThat(upgraded.nextAction()).isNull();
        assertThat(billing.invoice("sub-up-sca:1:change-1").status()).isEqualTo(InvoiceStatus.PAID);
        // Settled under its own key: one charge for the change.
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey, InvoiceCharge::amountMinor)
                .containsExactly(tuple("sub-up-sca:1:renewal", 1299L), tuple("sub-up-sca:1:change-1", 772L));
        assertThat(records.last().nextAction()).isNull();
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-up-sca"), "subscription-upgrade-authenticated");
    }

    @Test
    void anUpgradeTheCustomerRefusesLeavesTheOldPlanAndVoidsItsInvoice(TestWorkflowEnvironment env,
                                                                     WorkflowClient client, Worker worker) {
        SubscriptionWorkflow[] started = new SubscriptionWorkflow[1];
        upgradeNeedingTheCustomer(env, client, worker, "sub-up-refused", started);
        SubscriptionWorkflow workflow = started[0];

        payments.answerAuthentication("sub-up-refused:1:change-1", false);
        workflow.customerActionAnswered(new CustomerActionAnswer("sub-up-refused:1:change-1"));
        env.sleep(A_MINUTE);

        SubscriptionState kept = workflow.state();
        assertThat(kept.planId()).isEqualTo("plan_basic_monthly");
        assertThat(kept.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(kept.nextAction()).isNull();
        assertThat(kept.paymentIssue()).isNull();
        assertThat(billing.invoice("sub-up-refused:1:change-1").status()).isEqualTo(InvoiceStatus.VOID);
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-up-refused:1:renewal");
        // The next renewal bills the old plan, on the card the customer has.
        assertThat(kept.nextBillingAt()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));
    }

    @Test
    void anUnansweredUpgradeExpiresAtItsDeadlineAndTheRequestIsClosed(TestWorkflowEnvironment env,
                                                                     WorkflowClient client, Worker worker) {
        SubscriptionWorkflow[] started = new SubscriptionWorkflow[1];
        upgradeNeedingTheCustomer(env, client, worker, "sub-up-expired", started);
        SubscriptionWorkflow workflow = started[0];

        env.sleep(Duration.ofHours(22));
        assertThat(workflow.state().nextAction()).as("still waiting an hour before the deadline").isNotNull();
        env.sleep(Duration.ofHours(1).plus(A_MINUTE));

        SubscriptionState kept = workflow.state();
        assertThat(kept.planId()).isEqualTo("plan_basic_monthly");
        assertThat(kept.nextAction()).isNull();
        assertThat(billing.invoice("sub-up-expired:1:change-1").status()).isEqualTo(InvoiceStatus.VOID);
        assertThat(payments.authentications()).containsEntry("sub-up-expired:1:change-1",
                FakePayments.Authentication.CLOSED);
        // A late approval finds nothing to approve.
        assertThat(payments.answerAuthentication("sub-up-expired:1:change-1", true)).isFalse();
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-up-expired"), "subscription-upgrade-expired");
    }

    @Test
    void whileAnUpgradeWaitsAnotherChangeIsRefusedAndACancelDropsItWithItsRequest(TestWorkflowEnvironment env,
                                                                                 WorkflowClient client,
                                                                                 Worker worker) {
        SubscriptionWorkflow[] started = new SubscriptionWorkflow[1];
        upgradeNeedingTheCustomer(env, client, worker, "sub-up-cancel", started);
        SubscriptionWorkflow workflow = started[0];

        assertThatThrownBy(() -> workflow.changePlan(new PlanChangeRequest(YEARLY)))
                .isInstanceOf(WorkflowUpdateException.class)
                .rootCause().hasMessageContaining("waits for the customer to authenticate");
        assertThatThrownBy(() -> workflow.pause(new PauseRequest(PauseTiming.IMMEDIATELY, null)))
                .isInstanceOf(WorkflowUpdateException.class)
                .rootCause().hasMessageContaining("waits for the customer to authenticate");

        SubscriptionState canceled = workflow.cancelSubscription(new CancelRequest(CancelTiming.IMMEDIATELY,
                "customer_request", false));

        assertThat(canceled.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(canceled.planId()).isEqualTo("plan_basic_monthly");
        assertThat(canceled.nextAction()).isNull();
        assertThat(billing.invoice("sub-up-cancel:1:change-1").status()).isEqualTo(InvoiceStatus.VOID);
        assertThat(payments.authentications()).containsEntry("sub-up-cancel:1:change-1",
                FakePayments.Authentication.CLOSED);
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-up-cancel:1:renewal");
    }

    @Test
    void anUpgradeStillWaitingWhenThePeriodEndsIsDroppedBeforeTheRenewal(TestWorkflowEnvironment env,
                                                                         WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-up-late", MONTHLY);
        env.sleep(Duration.ofDays(27).plus(Duration.ofHours(20)));
        workflow.updatePaymentMethod(new PaymentMethodUpdate(AUTHENTICATION_REQUIRED));
        env.sleep(A_MINUTE);
        PlanChangeResult pending = workflow.changePlan(new PlanChangeRequest(PREMIUM_MONTHLY));
        assertThat(pending.state().nextAction().paymentKey()).isEqualTo("sub-up-late:1:change-1");

        // The period ends (28 February 09:00) before the change's 23 hours: its proration would be stale.
        env.sleep(Duration.ofHours(4));

        assertThat(billing.invoice("sub-up-late:1:change-1").status()).isEqualTo(InvoiceStatus.VOID);
        assertThat(payments.authentications()).containsEntry("sub-up-late:1:change-1",
                FakePayments.Authentication.CLOSED);
        SubscriptionState renewing = workflow.state();
        assertThat(renewing.planId()).isEqualTo("plan_basic_monthly");
        // The renewal bills the old plan, and waits for the customer in its own right.
        assertThat(renewing.nextAction().paymentKey()).isEqualTo("sub-up-late:2:renewal");
        assertThat(renewing.amountMinor()).isEqualTo(1299);
    }
}

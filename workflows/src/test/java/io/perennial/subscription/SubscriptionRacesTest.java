package io.perennial.subscription;

import io.perennial.billing.InvoiceLine;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.billing.IssuedInvoice;
import io.perennial.payment.InvoiceCharge;
import io.perennial.payment.RefundReceipt;
import io.perennial.payment.RefundRequest;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The races the money property test ({@link SubscriptionMoneyPropertyTest}) found, each pinned down as a scenario
 * with a recorded history: a change that arrives while a charge or a read-model write is in flight.
 */
class SubscriptionRacesTest extends SubscriptionWorkflowTestSupport {

    private static final Duration FIRST_PERIOD = Duration.ofDays(28);

    /** A pause accepted while the renewal is charged waits for the lock; once the renewal declines it is refused. */
    @Test
    void aPauseAcceptedWhileTheRenewalIsChargedIsRefusedWhenTheRenewalDeclines(TestWorkflowEnvironment env,
                                                                              WorkflowClient client, Worker worker) {
        AtomicReference<WorkflowUpdateHandle<SubscriptionState>> pause = new AtomicReference<>();
        payments.decline(2, "renewal").whileCharging(charge -> charge.period() == 2,
                () -> pause.set(untyped(client, "sub-pause-race").startUpdate("pause", WorkflowUpdateStage.ACCEPTED,
                        SubscriptionState.class, new PauseRequest(PauseTiming.IMMEDIATELY, null))));
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-pause-race", MONTHLY);

        env.sleep(FIRST_PERIOD.plusHours(1));

        assertThat(pause.get()).as("the pause was accepted while the charge ran").isNotNull();
        assertThatThrownBy(() -> pause.get().getResult(10, TimeUnit.SECONDS))
                .isInstanceOf(WorkflowUpdateException.class)
                .rootCause().hasMessageContaining("past-due subscription cannot be paused");
        SubscriptionState state = workflow.state();
        assertThat(state.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(state.paymentIssue()).isEqualTo("declined");
        // Period 2 was never paid, so none of it comes back as credit.
        assertThat(billing.grants()).isEmpty();
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-pause-race"), "subscription-pause-refused-after-decline");
    }

    /**
     * Ops refund the whole first period (in their own workflow, outside this one); an upgrade ten days later then
     * credits none of it again: the change asks the ledger what the period can still give back before it quotes.
     */
    @Test
    void anUpgradeAfterOpsRefundedThePeriodCreditsNothingOfItAgain(TestWorkflowEnvironment env, WorkflowClient client,
                                                                 Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-refund-then-upgrade", MONTHLY);
        env.sleep(Duration.ofDays(10));
        RefundReceipt refund = payments.refund(new RefundRequest("sub-refund-then-upgrade:ops:goodwill",
                "sub-refund-then-upgrade", 1, 1299, "EUR", "ops_goodwill", JAN_31_2027.plus(Duration.ofDays(10))));
        assertThat(refund.amountMinor()).isEqualTo(1299);

        PlanChangeResult upgraded = workflow.changePlan(new PlanChangeRequest(PREMIUM_MONTHLY));

        assertThat(upgraded.quote().creditMinor()).as("credit for unused time already refunded").isZero();
        IssuedInvoice invoice = billing.invoice("sub-refund-then-upgrade:1:change-1");
        assertThat(invoice.lines()).extracting(InvoiceLine::kind).containsExactly(InvoiceLineKind.PRORATION_CHARGE);
        assertThat(invoice.totalMinor()).isEqualTo(upgraded.quote().chargeMinor()).isPositive();
        assertThat(billing.grants()).isEmpty();
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-refund-then-upgrade"),
                "subscription-upgrade-after-ops-refund");
    }

    /** A cancel accepted while the read model is written is written too before the workflow ends. */
    @Test
    void aCancelAcceptedWhileTheReadModelIsWrittenReachesTheReadModel(TestWorkflowEnvironment env,
                                                                      WorkflowClient client, Worker worker) {
        records.onRecord(state -> state.status() == SubscriptionStatus.PAST_DUE,
                () -> untyped(client, "sub-cancel-race").startUpdate("cancelSubscription", WorkflowUpdateStage.ACCEPTED,
                        SubscriptionState.class, new CancelRequest(CancelTiming.IMMEDIATELY, "customer_request")));
        payments.decline(2, "renewal");
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-cancel-race", MONTHLY);

        env.sleep(FIRST_PERIOD.plusHours(1));

        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(records.last().status()).as("the read model's last row").isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(records.last().revision()).isEqualTo(workflow.state().revision());
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-cancel-race"), "subscription-cancel-during-record");
    }

    /** A new card sent while the dunning retry succeeds is used from then on; the workflow does not loop. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aNewCardSentWhileTheDunningRetrySucceedsLeavesTheSubscriptionRenewingNormally(TestWorkflowEnvironment env,
                                                                                       WorkflowClient client,
                                                                                       Worker worker) {
        payments.decline(2, "renewal").whileCharging(charge -> "dunning-1".equals(charge.purpose()),
                () -> client.newWorkflowStub(SubscriptionWorkflow.class, WorkflowIds.subscription("sub-card-race"))
                        .updatePaymentMethod(new PaymentMethodUpdate("pm_card_mastercard")));
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-card-race", MONTHLY);

        env.sleep(FIRST_PERIOD.plusDays(2));
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);

        env.sleep(Duration.ofDays(31));
        assertThat(payments.paid()).extracting(InvoiceCharge::purpose, InvoiceCharge::paymentMethod)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("renewal", "pm_card_visa"),
                        org.assertj.core.groups.Tuple.tuple("dunning-1", "pm_card_visa"),
                        org.assertj.core.groups.Tuple.tuple("renewal", "pm_card_mastercard"));
        assertThat(workflow.state().currentPeriod().number()).isEqualTo(3);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-card-race"), "subscription-card-during-successful-retry");
    }

    private static WorkflowStub untyped(WorkflowClient client, String subscriptionId) {
        return client.newUntypedWorkflowStub(WorkflowIds.subscription(subscriptionId));
    }

    /** The read model's address has one writer, the workflow: an accepted new address is written there too. */
    @Test
    void aNewShippingAddressIsWrittenToTheReadModelByTheWorkflow(TestWorkflowEnvironment env, WorkflowClient client,
                                                                 Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-address", MONTHLY);
        env.sleep(Duration.ofDays(3));
        long before = records.last().revision();

        SubscriptionState changed = workflow.changeShippingAddress(SubscriptionBoxOrdersTest.OFFICE);
        env.sleep(Duration.ofMinutes(1));

        assertThat(changed.shippingAddress()).isEqualTo(SubscriptionBoxOrdersTest.OFFICE);
        assertThat(records.last().shippingAddress()).isEqualTo(SubscriptionBoxOrdersTest.OFFICE);
        assertThat(records.last().revision()).isGreaterThan(before);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-address"), "subscription-address-in-read-model");
    }
}

package io.perennial.subscription;

import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.IssuedInvoice;
import io.perennial.payment.InvoiceCharge;
import io.perennial.payment.RefundReceipt;
import io.perennial.payment.VoidedInvoice;
import io.perennial.payment.PaymentFailures;
import io.perennial.temporal.WorkflowIds;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A payment provider outage on billing day: the charge is retried for the gateway retry window (30 minutes), then
 * the renewal is put on hold (past due, not a dunning attempt, the customer not blamed) and tried again after an
 * hour or at once when ops retry it, always under the same idempotency key. The first period without trial runs
 * 31 Jan to 28 Feb 2027.
 */
class SubscriptionGatewayOutageTest extends SubscriptionWorkflowTestSupport {

    static final Instant RENEWAL = Instant.parse("2027-02-28T09:00:00Z");

    @Test
    void aRenewalDuringAnOutageIsHeldAndAnOpsRetryChargesItOnceUnderItsOwnKey(TestWorkflowEnvironment env,
                                                                              WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-outage", MONTHLY);
        env.sleep(Duration.ofDays(27));
        payments.providerDown(true);

        env.sleep(Duration.ofDays(1).plusMinutes(45));
        SubscriptionState held = workflow.state();
        assertThat(held.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(held.paymentIssue()).isEqualTo(PaymentFailures.GATEWAY_UNAVAILABLE);
        // Temporal gives up once the next backoff would pass the 30-minute window.
        assertThat(held.paymentIssueSince()).isBetween(RENEWAL.plus(Duration.ofMinutes(15)),
                RENEWAL.plus(Duration.ofMinutes(30)));
        assertThat(held.paymentAttempts()).isEqualTo(1);
        assertThat(held.nextRetryAt()).isEqualTo(held.paymentIssueSince().plus(Duration.ofHours(1)));
        // Not the customer's doing: no dunning attempt counted, no "payment failed" email, access as paid.
        assertThat(held.failedPaymentCount()).isZero();
        assertThat(notifications.templates()).doesNotContain("payment_failed");
        assertThat(held.accessUntil()).isEqualTo(RENEWAL);
        assertThat(payments.providerFailures()).as("the activity retried within the window").isGreaterThan(3);
        assertThat(records.last().paymentIssue()).isEqualTo(PaymentFailures.GATEWAY_UNAVAILABLE);

        payments.providerDown(false);
        workflow.retryPayment(new PaymentRetryRequest("ops-1", "provider back"));
        env.sleep(Duration.ofSeconds(5));

        SubscriptionState recovered = workflow.state();
        assertThat(recovered.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(recovered.paymentIssue()).isNull();
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-outage:1:renewal", "sub-outage:2:renewal");
        assertThat(recovered.nextBillingAt()).isEqualTo(Instant.parse("2027-03-31T09:00:00Z"));
        // Never told it failed, the customer gets no word of a recovery either (subscription-gateway-hold-ops-retry
        // is the history of runs from before that change, which sent it).
        assertThat(notifications.templates()).doesNotContain("payment_recovered");
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-outage"),
                "subscription-gateway-hold-quiet-recovery");
    }

    /**
     * The money bug of issue 12: the provider takes the renewal but every answer is lost, the renewal is held, and the
     * customer cancels during the hold. The invoice is voided and, only then, the provider is asked what it took
     * under the charge's key; it is given back in full under its own refund key.
     */
    @Test
    void aChargeTheProviderTookWithoutAnsweringIsGivenBackWhenTheHeldRenewalIsCanceled(TestWorkflowEnvironment env,
                                                                                        WorkflowClient client,
                                                                                        Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-lost-answer", MONTHLY);
        env.sleep(Duration.ofDays(27));
        payments.answersLost(true);
        env.sleep(Duration.ofDays(1).plusMinutes(45));
        assertThat(workflow.state().paymentIssue()).isEqualTo(PaymentFailures.GATEWAY_UNAVAILABLE);
        assertThat(payments.takenUnanswered()).containsOnlyKeys("sub-lost-answer:2:renewal");

        SubscriptionState canceled = workflow.cancelSubscription(
                new CancelRequest(CancelTiming.IMMEDIATELY, "customer_request"));

        assertThat(canceled.status()).isEqualTo(SubscriptionStatus.CANCELED);
        String invoiceId = payments.takenUnanswered().get("sub-lost-answer:2:renewal").invoiceId();
        assertThat(billing.invoices()).filteredOn(invoice -> invoice.invoiceId().equals(invoiceId))
                .singleElement().extracting(IssuedInvoice::status).isEqualTo(InvoiceStatus.VOID);
        assertThat(payments.voidedAndAsked()).extracting(VoidedInvoice::invoiceId).containsExactly(invoiceId);
        assertThat(payments.refunds()).extracting(RefundReceipt::refundKey, RefundReceipt::amountMinor)
                .containsExactly(tuple("sub-lost-answer:2:renewal:void-refund", 1299L));
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-lost-answer"),
                "subscription-cancel-during-hold-settles-lost-charge");
    }

    /** A cancel during a hold whose charge the provider never took asks once and gives nothing back. */
    @Test
    void aHeldRenewalCanceledWhileTheProviderIsStillDownIsVoidedWithoutWaitingForIt(TestWorkflowEnvironment env,
                                                                                     WorkflowClient client,
                                                                                     Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-hold-cancel", MONTHLY);
        env.sleep(Duration.ofDays(27));
        payments.providerDown(true);
        env.sleep(Duration.ofDays(1).plusMinutes(45));

        SubscriptionState canceled = workflow.cancelSubscription(
                new CancelRequest(CancelTiming.IMMEDIATELY, "customer_request"));

        assertThat(canceled.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(payments.voidedAndAsked()).hasSize(1);
        assertThat(payments.refunds()).isEmpty();
    }

    @Test
    void aHeldRenewalIsTriedAgainHourlyUntilTheProviderIsBack(TestWorkflowEnvironment env, WorkflowClient client,
                                                             Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-outage-hourly", MONTHLY);
        env.sleep(Duration.ofDays(27));
        payments.providerDown(true);
        env.sleep(Duration.ofDays(1).plusHours(2));
        SubscriptionState stillHeld = workflow.state();
        assertThat(stillHeld.paymentIssue()).isEqualTo(PaymentFailures.GATEWAY_UNAVAILABLE);
        assertThat(stillHeld.paymentAttempts()).isGreaterThanOrEqualTo(2);

        payments.providerDown(false);
        env.sleep(Duration.ofHours(2));
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-outage-hourly:1:renewal", "sub-outage-hourly:2:renewal");
        assertThat(workflow.state().failedPaymentCount()).isZero();
    }

    @Test
    void aDeclineAfterTheOutageStartsDunningFromThatDecline(TestWorkflowEnvironment env, WorkflowClient client,
                                                           Worker worker) {
        payments.decline(2, "renewal");
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-outage-decline", MONTHLY);
        env.sleep(Duration.ofDays(27));
        payments.providerDown(true);
        env.sleep(Duration.ofDays(1).plusMinutes(45));
        assertThat(workflow.state().paymentIssue()).isEqualTo(PaymentFailures.GATEWAY_UNAVAILABLE);

        payments.providerDown(false);
        workflow.retryPayment(new PaymentRetryRequest("ops-1", "provider back"));
        env.sleep(Duration.ofSeconds(5));

        SubscriptionState declined = workflow.state();
        assertThat(declined.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(declined.paymentIssue()).isEqualTo("declined");
        assertThat(declined.failedPaymentCount()).isEqualTo(1);
        // Dunning counts from the decline, the first retry a day later under a new key.
        Instant declinedAt = payments.attempts().get(payments.attempts().size() - 1).businessTime();
        assertThat(declined.nextRetryAt()).isEqualTo(declinedAt.plus(Duration.ofDays(1)));
        env.sleep(Duration.ofDays(1).plusMinutes(1));
        assertThat(workflow.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-outage-decline:1:renewal", "sub-outage-decline:2:dunning-1");
    }

    /**
     * The provider being down is decided by its answers: the bounded charge gives up after the attempts that fit
     * in the 30-minute window (14: backoffs of 1 s doubling to 5 minutes), and it has no schedule-to-close timeout,
     * so time in which no worker is alive to make an attempt does not count. (The time-skipping test server stops
     * its clock while an activity waits for a worker, so the fleet outage itself cannot be played here.)
     */
    @Test
    void aRenewalIsHeldAfterTheProvidersFailedAnswersNotAfterTimeWithoutAWorker(TestWorkflowEnvironment env,
                                                                               WorkflowClient client, Worker worker) {
        Map<String, ActivityOptions> chargeOptions = new ConcurrentHashMap<>();
        WorkerFactory fleet = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(new ActivityOptionsSeen(chargeOptions)).build());
        Worker watched = fleet.newWorker(worker.getTaskQueue() + "-watched");
        watched.registerWorkflowImplementationTypes(FAIL_FAST, SubscriptionWorkflowImpl.class);
        try {
            SubscriptionWorkflow workflow = start(env, client, watched, "sub-outage-counted", MONTHLY);
            fleet.start();
            env.sleep(Duration.ofDays(27));
            payments.providerDown(true);
            env.sleep(Duration.ofDays(1).plusMinutes(45));

            assertThat(workflow.state().paymentIssue()).isEqualTo(PaymentFailures.GATEWAY_UNAVAILABLE);
            assertThat(payments.providerFailures()).as("failed answers before the hold").isEqualTo(14);
            ActivityOptions renewal = chargeOptions.get("IssueAndChargeInvoice");
            assertThat(renewal.getScheduleToCloseTimeout()).as("a bound in elapsed time").isNull();
            assertThat(renewal.getRetryOptions().getMaximumAttempts()).isEqualTo(14);
            assertThat(renewal.getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(30));
        } finally {
            fleet.shutdownNow();
            fleet.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Keeps the options of the last activity of each type the workflow scheduled. */
    private static final class ActivityOptionsSeen extends WorkerInterceptorBase {
        private final Map<String, ActivityOptions> byType;

        ActivityOptionsSeen(Map<String, ActivityOptions> byType) {
            this.byType = byType;
        }

        @Override
        public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
            return new WorkflowInboundCallsInterceptorBase(next) {
                @Override
                public void init(WorkflowOutboundCallsInterceptor outbound) {
                    super.init(new WorkflowOutboundCallsInterceptorBase(outbound) {
                        @Override
                        public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
                            byType.put(input.getActivityName(), input.getOptions());
                            return super.executeActivity(input);
                        }
                    });
                }
            };
        }
    }
}

package io.perennial.subscription;

import io.perennial.billing.InvoiceStatus;
import io.perennial.payment.InvoiceCharge;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.perennial.subscription.FakePayments.AUTHENTICATION_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Charges the issuer asks the customer to authenticate (Strong Customer Authentication): the subscription waits for
 * the customer with a deadline, settles under the charge's own key when answered, and falls into dunning when the
 * answer is a refusal or never comes.
 */
class SubscriptionCustomerAuthenticationTest extends SubscriptionWorkflowTestSupport {

    private static final Duration A_MINUTE = Duration.ofMinutes(1);

    @Test
    void aFirstChargeNeedingTheCustomerWaitsAndIsActiveOnceTheCustomerApproves(TestWorkflowEnvironment env,
                                                                              WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-sca-approve", MONTHLY,
                AUTHENTICATION_REQUIRED, 0);
        env.sleep(A_MINUTE);

        SubscriptionState waiting = workflow.state();
        assertThat(waiting.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(waiting.paymentIssue()).isEqualTo("authentication_required");
        assertThat(waiting.failedPaymentCount()).isZero();
        assertThat(waiting.nextAction()).isEqualTo(new NextAction("authenticate_payment",
                "sub-sca-approve:1:renewal", JAN_31_2027.plus(Duration.ofHours(23))));
        assertThat(records.last().nextAction()).isEqualTo(waiting.nextAction());
        assertThat(notifications.templates()).containsExactly("payment_action_required");
        assertThat(notifications.sent().get(0).data()).containsEntry("actionUrl",
                "/v1/subscriptions/sub-sca-approve/payment-authentication");

        env.sleep(Duration.ofHours(2));
        assertThat(payments.answerAuthentication("sub-sca-approve:1:renewal", true)).isTrue();
        workflow.customerActionAnswered(new CustomerActionAnswer("sub-sca-approve:1:renewal"));
        env.sleep(A_MINUTE);

        SubscriptionState active = workflow.state();
        assertThat(active.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(active.nextAction()).isNull();
        assertThat(active.accessUntil()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));
        // One attempt, settled under its own key: never a second charge.
        assertThat(payments.attempts()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-sca-approve:1:renewal");
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-sca-approve:1:renewal");
        assertThat(billing.invoice("sub-sca-approve:1:renewal").status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(records.last().nextAction()).isNull();
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-sca-approve"),
                "subscription-authentication-approved");
    }

    @Test
    void aChargeTheCustomerFailsIsADeclineAndDunningBegins(TestWorkflowEnvironment env, WorkflowClient client,
                                                          Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-sca-fail", MONTHLY,
                AUTHENTICATION_REQUIRED, 0);
        env.sleep(Duration.ofHours(1));

        assertThat(payments.answerAuthentication("sub-sca-fail:1:renewal", false)).isTrue();
        workflow.customerActionAnswered(new CustomerActionAnswer("sub-sca-fail:1:renewal"));
        env.sleep(A_MINUTE);

        SubscriptionState declined = workflow.state();
        assertThat(declined.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(declined.paymentIssue()).isEqualTo("declined");
        assertThat(declined.failedPaymentCount()).isEqualTo(1);
        assertThat(declined.nextAction()).isNull();
        // The first dunning retry is a day after the refusal ...
        Instant refused = JAN_31_2027.plus(Duration.ofHours(1));
        assertThat(declined.nextRetryAt()).isBetween(refused.plus(Duration.ofDays(1)),
                refused.plus(Duration.ofDays(1)).plus(A_MINUTE));
        assertThat(notifications.templates()).containsExactly("payment_action_required", "payment_failed");

        // ... and, with the same card, waits for the customer again under its own key.
        env.sleep(Duration.ofDays(1));
        SubscriptionState again = workflow.state();
        assertThat(again.nextAction()).isNotNull();
        assertThat(again.nextAction().paymentKey()).isEqualTo("sub-sca-fail:1:dunning-1");
        assertThat(payments.paid()).isEmpty();
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-sca-fail"), "subscription-authentication-failed");
    }

    @Test
    void aRenewalTheCustomerNeverAnswersFallsIntoDunningAtTheDeadline(TestWorkflowEnvironment env,
                                                                      WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-sca-deadline", MONTHLY);
        env.sleep(Duration.ofDays(1));
        workflow.updatePaymentMethod(new PaymentMethodUpdate(AUTHENTICATION_REQUIRED));
        env.sleep(Duration.ofDays(27).plus(A_MINUTE));

        Instant renewal = Instant.parse("2027-02-28T09:00:00Z");
        SubscriptionState waiting = workflow.state();
        assertThat(waiting.nextAction().paymentKey()).isEqualTo("sub-sca-deadline:2:renewal");
        assertThat(waiting.nextAction().expiresAt()).isEqualTo(renewal.plus(Duration.ofHours(23)));
        // An ops retry while the customer may still approve charges nothing under another key.
        workflow.retryPayment(new PaymentRetryRequest("ops", "impatient"));
        env.sleep(Duration.ofHours(22));
        assertThat(payments.attempts()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-sca-deadline:1:renewal", "sub-sca-deadline:2:renewal");

        env.sleep(Duration.ofHours(1));
        SubscriptionState lapsed = workflow.state();
        assertThat(lapsed.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(lapsed.paymentIssue()).isEqualTo("declined");
        assertThat(lapsed.failedPaymentCount()).isEqualTo(1);
        assertThat(lapsed.nextAction()).isNull();
        assertThat(lapsed.nextRetryAt()).isEqualTo(renewal.plus(Duration.ofHours(23)).plus(Duration.ofDays(1)));
        // The provider's request is closed: a late approval cannot take money.
        assertThat(payments.answerAuthentication("sub-sca-deadline:2:renewal", true)).isFalse();
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey)
                .containsExactly("sub-sca-deadline:1:renewal");
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-sca-deadline"),
                "subscription-authentication-deadline");
    }

    @Test
    void cancelingWhileTheCustomerMayStillApproveVoidsTheInvoiceAndClosesTheRequest(TestWorkflowEnvironment env,
                                                                                   WorkflowClient client,
                                                                                   Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-sca-cancel", MONTHLY,
                AUTHENTICATION_REQUIRED, 0);
        env.sleep(Duration.ofHours(3));

        SubscriptionState canceled = workflow.cancelSubscription(
                new CancelRequest(CancelTiming.IMMEDIATELY, "changed my mind"));

        assertThat(canceled.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(canceled.nextAction()).isNull();
        assertThat(billing.invoice("sub-sca-cancel:1:renewal").status()).isEqualTo(InvoiceStatus.VOID);
        assertThat(payments.answerAuthentication("sub-sca-cancel:1:renewal", true)).isFalse();
        assertThat(payments.paid()).isEmpty();
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-sca-cancel"),
                "subscription-authentication-canceled");
    }
}

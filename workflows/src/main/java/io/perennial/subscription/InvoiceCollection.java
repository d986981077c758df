package io.perennial.subscription;

import io.perennial.billing.BillingActivities;
import io.perennial.billing.InvoiceDraft;
import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.IssuedInvoice;
import io.perennial.payment.AuthenticationOffer;
import io.perennial.payment.CollectedInvoice;
import io.perennial.payment.DeclineCodes;
import io.perennial.payment.InvoiceCharge;
import io.perennial.payment.InvoiceToCollect;
import io.perennial.payment.PaymentActivities;
import io.perennial.payment.PaymentDecline;
import io.perennial.payment.PaymentFailures;
import io.perennial.payment.VoidedInvoice;
import io.perennial.payment.VoidedInvoiceSettlement;
import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.util.Map;

import static io.perennial.temporal.BusinessTime.now;

/**
 * Collects one invoice with one charge attempt. A decline is counted and told to the customer. Which payment stub
 * the charge goes through is the caller's explicit choice ({@link Patience}).
 */
final class InvoiceCollection {

    private static final Logger log = Workflow.getLogger(InvoiceCollection.class);

    /** {@code NEEDS_CUSTOMER}: the issuer asks the customer to authenticate; only for {@link Patience#RETRY_WINDOW}. */
    enum Outcome { PAID, DECLINED, UNAVAILABLE, NEEDS_CUSTOMER }

    /** How long a charge waits for a payment provider that does not answer. */
    enum Patience {
        /** Retried until the provider answers: plan changes, whose customer waits for the answer. */
        UNTIL_ANSWERED,
        /**
         * Given up after the attempts that fit in the gateway retry window, so a renewal goes on hold
         * ({@link Outcome#UNAVAILABLE}). Attempts, not elapsed time: only a worker makes them.
         * Subscriptions that ran before holds existed ({@link EngineChanges#GATEWAY_HOLD}) still wait until answered.
         */
        RETRY_WINDOW,
        /**
         * One short attempt ({@link #CUSTOMER_WAIT_ATTEMPT}): a plan change whose customer waits for the answer
         * ({@link EngineChanges#PLAN_CHANGE_ONE_ATTEMPT}). A provider that fails or does not answer is
         * {@link Outcome#UNAVAILABLE} at once; the caller gives back whatever the attempt may have taken.
         */
        ONE_ATTEMPT
    }

    /** How long a charge a customer waits for may take: well inside an HTTP client's patience. */
    static final java.time.Duration CUSTOMER_WAIT_ATTEMPT = java.time.Duration.ofSeconds(10);

    /** Provider outages retried for as long as it takes. */
    private final PaymentActivities payments = ActivityStubs.remote(PaymentActivities.class, RetryPolicies.GATEWAY);
    /** Provider outages retried for the attempts that fit in the gateway retry window only. */
    private final PaymentActivities boundedPayments;
    /** One attempt, for a charge a customer waits for. */
    private final PaymentActivities oneAttemptPayments = ActivityStubs.stub(PaymentActivities.class,
            CUSTOMER_WAIT_ATTEMPT, RetryPolicies.ONE_LOOK);
    /** Reads back the invoice of a renewal put on hold by {@link #issueAndCollect} (issuing is idempotent). */
    private final BillingActivities billing = ActivityStubs.database(BillingActivities.class);
    /** Asks the provider about a voided invoice once; what it cannot answer now the reconciliation sweep settles. */
    private final PaymentActivities lookups = ActivityStubs.remote(PaymentActivities.class, RetryPolicies.ONE_LOOK);
    private final SubscriptionStart start;
    private final Subscription s;
    private final CustomerNotices notices;
    /** The hard decline code of the last {@link Outcome#DECLINED}, or null when it was soft (or before the change). */
    private String lastHardDecline;

    InvoiceCollection(SubscriptionStart start, Subscription s, CustomerNotices notices) {
        this.start = start;
        this.s = s;
        this.notices = notices;
        // Bounded by attempts, not by a schedule-to-close timeout: time with no worker alive makes no attempt, so a
        // worker outage is not taken for a provider outage. (Activity options are not compared on replay.)
        this.boundedPayments = ActivityStubs.remote(PaymentActivities.class,
                RetryPolicies.attemptsWithin(RetryPolicies.GATEWAY, start.dunning().gatewayRetryWindow()));
    }

    Outcome collect(String invoiceId, InvoiceStatus invoiceStatus, long amountDueMinor, BillingPeriod period,
                    String purpose, Patience patience) {
        return collect(invoiceId, invoiceStatus, amountDueMinor, period, purpose, patience, false);
    }

    /**
     * {@code customerMayAct}: a {@link Patience#ONE_ATTEMPT} charge the issuer asks the customer to authenticate is
     * {@link Outcome#NEEDS_CUSTOMER} (an upgrade, {@link EngineChanges#PLAN_CHANGE_AUTHENTICATION}), not a decline.
     */
    Outcome collect(String invoiceId, InvoiceStatus invoiceStatus, long amountDueMinor, BillingPeriod period,
                    String purpose, Patience patience, boolean customerMayAct) {
        if (invoiceStatus == InvoiceStatus.PAID) {
            return Outcome.PAID;
        }
        boolean hold = patience == Patience.RETRY_WINDOW
                && Workflow.getVersion(EngineChanges.GATEWAY_HOLD, Workflow.DEFAULT_VERSION, 1) == 1;
        boolean offer = patience == Patience.RETRY_WINDOW
                && Workflow.getVersion(EngineChanges.CUSTOMER_AUTHENTICATION, Workflow.DEFAULT_VERSION, 1) == 1;
        if (patience == Patience.ONE_ATTEMPT) {
            return charge(invoiceId, amountDueMinor, period, purpose, oneAttemptPayments, true,
                    customerMayAct ? AuthenticationOffer.OFFERED : AuthenticationOffer.NONE);
        }
        return charge(invoiceId, amountDueMinor, period, purpose, hold ? boundedPayments : payments, hold,
                offer ? AuthenticationOffer.OFFERED : AuthenticationOffer.NONE);
    }

    /** An invoice issued and collected in one activity ({@link #issueAndCollect}), and how its collection went. */
    record Issued(IssuedInvoice invoice, Outcome outcome) {
    }

    /**
     * Issues a period's invoice and charges it in one activity ({@link PaymentActivities#issueAndCharge}, change id
     * {@link EngineChanges#ISSUE_AND_CHARGE}), with the retry window's patience: one workflow task and one activity
     * fewer per renewal than {@code IssueInvoice} then {@link #collect}. A provider that stays down leaves the invoice
     * issued and the charge in doubt: the invoice is read back by its key (issuing is idempotent) and the renewal is
     * {@link Outcome#UNAVAILABLE}, as with {@link #collect}.
     */
    Issued issueAndCollect(InvoiceDraft draft, BillingPeriod period, String purpose) {
        boolean offer = Workflow.getVersion(EngineChanges.CUSTOMER_AUTHENTICATION, Workflow.DEFAULT_VERSION, 1) == 1;
        AuthenticationOffer authentication = offer ? AuthenticationOffer.OFFERED : AuthenticationOffer.NONE;
        CollectedInvoice collected;
        try {
            collected = boundedPayments.issueAndCharge(new InvoiceToCollect(draft, purpose, s.paymentMethod,
                    authentication));
        } catch (ActivityFailure failure) {
            if (!providerDown(failure)) {
                throw failure;
            }
            log.warn("Payment provider unavailable for charge {} of period {}; on hold", purpose, period.number());
            return new Issued(billing.issueInvoice(draft), Outcome.UNAVAILABLE);
        }
        PaymentDecline decline = collected.decline();
        if (decline == null) {
            return new Issued(collected.invoice(), Outcome.PAID);
        }
        return new Issued(collected.invoice(), declined(decline.declineCode(), collected.invoice().totalMinor(), period,
                purpose, authentication));
    }

    /**
     * After a voided invoice's charge was left in doubt: asks the provider what it took under the invoice and gives
     * it back. What it cannot answer now, the reconciliation sweep (or the provider's webhook) settles the same way.
     */
    void giveBackWhatTheVoidedInvoiceTook(String invoiceId, int period) {
        try {
            VoidedInvoiceSettlement settled = lookups.settleVoidedInvoice(new VoidedInvoice(invoiceId, now()));
            if (settled.chargesTaken() > 0 || settled.leftInDoubt() > 0) {
                log.warn("Voided invoice of period {}: {} charge(s) the provider took, {} refunded, {} left to the "
                        + "reconciliation sweep", period, settled.chargesTaken(), settled.refundedMinor(),
                        settled.leftInDoubt());
            }
        } catch (ActivityFailure failure) {
            log.warn("Could not settle the voided invoice of period {} now; the reconciliation sweep will: {}",
                    period, failure.getMessage());
        }
    }

    /**
     * Settles the charge that waited for the customer ({@link CustomerAuthentication}) under its own key: the
     * customer's answer as the provider holds it, or, once the deadline passed unanswered, a decline
     * ({@link AuthenticationOffer#EXPIRED} closes the provider's request first, so a late approval cannot take money).
     */
    Outcome settleAwaited(Dunning awaited, boolean expired) {
        return settleAwaited(awaited.invoiceId(), awaited.amountDueMinor(), awaited.period(),
                awaited.unsettledPurpose(), expired);
    }

    /** The same for any charge that waited for the customer: an upgrade's ({@link AwaitedPlanChange}). */
    Outcome settleAwaited(String invoiceId, long amountDueMinor, BillingPeriod period, String purpose,
                          boolean expired) {
        return charge(invoiceId, amountDueMinor, period, purpose, boundedPayments, true,
                expired ? AuthenticationOffer.EXPIRED : AuthenticationOffer.OFFERED);
    }

    /** {@code hold}: a provider that stays down is {@link Outcome#UNAVAILABLE} instead of failing the task. */
    private Outcome charge(String invoiceId, long amountDueMinor, BillingPeriod period, String purpose,
                           PaymentActivities via, boolean hold, AuthenticationOffer offer) {
        InvoiceCharge charge = new InvoiceCharge(invoiceId, start.subscriptionId(), start.customerId(),
                period.number(), purpose, amountDueMinor, s.plan.currency(), s.paymentMethod, now(), offer);
        try {
            via.chargeInvoice(charge);
            return Outcome.PAID;
        } catch (ActivityFailure failure) {
            if (failure.getCause() instanceof ApplicationFailure cause
                    && PaymentFailures.PAYMENT_DECLINED.equals(cause.getType())) {
                return declined(declineCode(cause), amountDueMinor, period, purpose, offer);
            }
            if (hold && providerDown(failure)) {
                log.warn("Payment provider unavailable for charge {} of period {}; on hold", purpose, period.number());
                return Outcome.UNAVAILABLE;
            }
            throw failure;
        }
    }

    /**
     * A charge the issuer declined: waiting for the customer when the issuer asks them to authenticate and they may,
     * otherwise counted, its hard code kept, and told to the customer.
     */
    private Outcome declined(String code, long amountDueMinor, BillingPeriod period, String purpose,
                             AuthenticationOffer offer) {
        if (offer != AuthenticationOffer.NONE && DeclineCodes.AUTHENTICATION_REQUIRED.equals(code)) {
            log.info("Charge {} of period {} waits for the customer to authenticate it", purpose, period.number());
            return Outcome.NEEDS_CUSTOMER;
        }
        s.arrears.failedPaymentCount++;
        lastHardDecline = DeclineCodes.isHard(code)
                && Workflow.getVersion(EngineChanges.HARD_DECLINES, Workflow.DEFAULT_VERSION, 1) == 1
                ? code : null;
        log.info("Charge {} of period {} declined ({})", purpose, period.number(), code);
        // Neither a hard decline nor a plan change's charge (never retried) may promise an automatic retry: the
        // customer is asked for another card, or told the change was not made.
        notices.send(period.number() + ":" + purpose + ":declined",
                purpose.startsWith("change-") ? "plan_change_declined"
                        : lastHardDecline != null ? "payment_method_unusable" : "payment_failed",
                Map.of("period", String.valueOf(period.number()), "amountMinor", String.valueOf(amountDueMinor),
                        "currency", s.plan.currency(), "attempt", purpose));
        return Outcome.DECLINED;
    }

    /** The hard decline code of the last declined charge; null when it was soft. */
    String lastHardDecline() {
        return lastHardDecline;
    }

    private static String declineCode(ApplicationFailure declined) {
        if (declined.getDetails().getSize() == 0) {
            return null;
        }
        PaymentDecline decline = declined.getDetails().get(0, PaymentDecline.class, PaymentDecline.class);
        return decline == null ? null : decline.declineCode();
    }

    /**
     * The attempts of the retry window are used up (or, for charges scheduled before they were counted, the window's
     * schedule-to-close timeout ran out), or the last attempt was a 5xx or timeout of the provider.
     */
    private static boolean providerDown(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (failure.getRetryState() == RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED
                || cause instanceof TimeoutFailure) {
            return true;
        }
        return cause instanceof ApplicationFailure application
                && (PaymentFailures.GATEWAY_UNAVAILABLE.equals(application.getType())
                    || PaymentFailures.GATEWAY_TIMEOUT.equals(application.getType()));
    }
}

package io.perennial.subscription;

import io.perennial.billing.BillingActivities;
import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.IssuedInvoice;
import io.perennial.payment.PaymentActivities;
import io.perennial.payment.PaymentFailures;
import io.perennial.payment.VoidedInvoice;
import io.perennial.payment.VoidedInvoiceSettlement;
import io.perennial.subscription.InvoiceCollection.Outcome;
import io.perennial.subscription.InvoiceCollection.Patience;
import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Instant;
import java.util.Map;

import static io.perennial.temporal.BusinessTime.now;

/**
 * Collecting an overdue invoice ({@link Dunning}): retries on the {@link DunningSchedule} after a decline, a hold
 * while the provider is down (never a dunning attempt), at once when ops or a new card ask; the subscription is
 * canceled (or suspended, as the plan says) when the schedule is used up.
 */
final class DunningRetries {

    private static final Logger log = Workflow.getLogger(DunningRetries.class);
    /** The cancel reason of a subscription whose first charge, made at creation, was declined. */
    static final String INCOMPLETE_EXPIRED = "incomplete_expired";

    private final BillingActivities billing = ActivityStubs.database(BillingActivities.class);
    /** One look at the provider: a cancel does not wait for it to come back (the sweep does). */
    private final PaymentActivities lookups = ActivityStubs.remote(PaymentActivities.class, RetryPolicies.ONE_LOOK);
    private final SubscriptionStart start;
    private final Subscription s;
    private final ThisRun thisRun;
    private final InvoiceCollection collection;
    private final CustomerNotices notices;
    private final CustomerAuthentication authentication;
    private final SentInvoices sentInvoices;
    private final Suspension suspension;

    DunningRetries(SubscriptionStart start, Subscription s, ThisRun thisRun, InvoiceCollection collection,
                   CustomerNotices notices, CustomerAuthentication authentication,
                   SentInvoices sentInvoices, Suspension suspension) {
        this.suspension = suspension;
        this.sentInvoices = sentInvoices;
        this.authentication = authentication;
        this.start = start;
        this.s = s;
        this.thisRun = thisRun;
        this.collection = collection;
        this.notices = notices;
    }

    /** The period's invoice was declined: dunning begins (and ends at once when the schedule has no retry). */
    void declined(BillingPeriod period, IssuedInvoice invoice) {
        if (start.chargedNow(period)
                && Workflow.getVersion(EngineChanges.CHARGE_NOW, Workflow.DEFAULT_VERSION, 1) == 1) {
            expireIncomplete(invoice);
            return;
        }
        s.status = SubscriptionStatus.PAST_DUE;
        s.arrears.dunning = new Dunning(period, invoice.invoiceId(), invoice.totalMinor(), now(), 0, 0)
                .withHardDecline(collection.lastHardDecline());
        if (s.nextRetryAt(start.dunning()) == null) {
            exhaust();
        }
    }

    /** The provider did not answer within the retry window: the renewal waits on hold, not a dunning attempt. */
    void onHold(BillingPeriod period, IssuedInvoice invoice) {
        s.status = SubscriptionStatus.PAST_DUE;
        s.arrears.dunning = new Dunning(period, invoice.invoiceId(), invoice.totalMinor(), null, 0, 0,
                PaymentFailures.GATEWAY_UNAVAILABLE, now().plus(start.dunning().gatewayHold()), "renewal",
                now(), 1);
    }

    /** The period's charge waits for the customer to authenticate it ({@link CustomerAuthentication}). */
    void awaitCustomer(BillingPeriod period, IssuedInvoice invoice, String purpose) {
        s.status = SubscriptionStatus.PAST_DUE;
        s.arrears.dunning = authentication.await(
                new Dunning(period, invoice.invoiceId(), invoice.totalMinor(), null, 0, 0), purpose);
    }

    /**
     * Tries the overdue invoice again: a new attempt, or the one whose outcome the provider never gave. A charge
     * waiting for the customer is only settled, once answered or past its deadline: never tried under another key.
     */
    void retry() {
        boolean asked = thisRun.retryRequested;
        thisRun.retryRequested = false;
        Dunning overdue = s.arrears.dunning;
        if (overdue.invoiceOverdue()) {
            sentInvoices.overdue(overdue);
            return;
        }
        if (overdue.awaitingCustomer()) {
            if (authentication.over(overdue)) {
                boolean answered = s.customerAnswered();
                s.arrears.answeredCharge = null;
                settle(overdue, collection.settleAwaited(overdue, !answered), overdue.unsettledPurpose(),
                        overdue.retries(), overdue.scheduledRetries(), 0);
            }
            return;
        }
        if (overdue.waitsForNewPaymentMethod() && !asked) {
            // The schedule's end came with no new card: the same card cannot be charged, so no attempt is made.
            s.arrears.dunning = new Dunning(overdue.period(), overdue.invoiceId(), overdue.amountDueMinor(),
                    overdue.firstDeclineAt(), start.dunning().retryOffsets().size(), overdue.retries(),
                    overdue.reason(), null, null, overdue.firstFailureAt(), overdue.attemptsSoFar(),
                    overdue.hardDeclineCode());
            exhaust();
            s.changed();
            return;
        }
        // A scheduled dunning slot is used up by the attempt made once its time has come (a hold may delay it). No
        // slot left (null) is never reached today: the decline that uses the last slot up cancels at once.
        Instant slot = Subscription.dunningSlotAt(overdue, start.dunning());
        boolean scheduled = slot != null && !now().isBefore(slot);
        // Slots that came while a hard decline waited for a new card are used up: a new card that is declined too
        // is retried at the next slot still to come, not at once for each one missed.
        int slotsUsed = overdue.waitsForNewPaymentMethod()
                ? Subscription.dunningSlotsPassed(overdue, start.dunning(), now())
                : overdue.scheduledRetries() + (scheduled ? 1 : 0);
        boolean again = overdue.unsettledPurpose() != null;
        int retries = again ? overdue.retries() : overdue.retries() + 1;
        String purpose = again ? overdue.unsettledPurpose() : "dunning-" + retries;
        settle(overdue, collection.collect(overdue.invoiceId(), InvoiceStatus.OPEN, overdue.amountDueMinor(),
                overdue.period(), purpose, Patience.RETRY_WINDOW), purpose, retries, slotsUsed, 1);
    }

    /**
     * Whether the overdue invoice was only ever held for the provider (never declined, so the customer heard of no
     * failure and needs no word of a recovery). Runs that recorded the email before this change keep sending it.
     */
    private static boolean heldOnly(Dunning overdue) {
        return overdue.firstDeclineAt() == null && PaymentFailures.GATEWAY_UNAVAILABLE.equals(overdue.reason())
                && Workflow.getVersion(EngineChanges.QUIET_HELD_RECOVERY, Workflow.DEFAULT_VERSION, 1) == 1;
    }

    /**
     * What the attempt {@code purpose} answered ({@code slotsUsed}: scheduled retries used up once it was made;
     * {@code newAttempts}: 1 for a new try, 0 for a settled wait).
     */
    private void settle(Dunning overdue, Outcome outcome, String purpose, int retries, int slotsUsed,
                        int newAttempts) {
        switch (outcome) {
            case PAID -> {
                s.arrears.dunning = null;
                suspension.overduePaid(overdue.period(), overdue.amountDueMinor());
                if (!heldOnly(overdue)) {
                    notices.send(overdue.period().number() + ":recovered", "payment_recovered",
                            Map.of("period", String.valueOf(overdue.period().number()),
                                    "amountMinor", String.valueOf(overdue.amountDueMinor()),
                                    "currency", s.plan.currency()));
                }
            }
            case DECLINED -> {
                Instant firstDecline = overdue.firstDeclineAt() != null ? overdue.firstDeclineAt() : now();
                s.arrears.dunning = new Dunning(overdue.period(), overdue.invoiceId(), overdue.amountDueMinor(),
                        firstDecline, slotsUsed, retries, Dunning.DECLINED,
                        null, null, overdue.firstFailureAt() != null ? overdue.firstFailureAt() : firstDecline,
                        overdue.attemptsSoFar() + newAttempts, collection.lastHardDecline());
                if (s.nextRetryAt(start.dunning()) == null) {
                    exhaust();
                }
            }
            case UNAVAILABLE -> s.arrears.dunning = new Dunning(overdue.period(), overdue.invoiceId(),
                    overdue.amountDueMinor(), overdue.firstDeclineAt(), overdue.scheduledRetries(), retries,
                    PaymentFailures.GATEWAY_UNAVAILABLE, now().plus(start.dunning().gatewayHold()), purpose,
                    overdue.firstFailureAt() != null ? overdue.firstFailureAt() : now(),
                    overdue.attemptsSoFar() + newAttempts);
            case NEEDS_CUSTOMER -> s.arrears.dunning = overdue.awaitingCustomer() ? overdue
                    : authentication.await(new Dunning(overdue.period(), overdue.invoiceId(), overdue.amountDueMinor(),
                            overdue.firstDeclineAt(), slotsUsed, retries,
                            overdue.issue(), null, null, overdue.firstFailureAt(),
                            overdue.attemptsSoFar() + newAttempts), purpose);
        }
        s.changed();
    }

    /**
     * Cancel of a past-due subscription: its overdue invoice is voided, nothing more is tried. A charge on hold may
     * have been taken by the provider without our hearing it: once nothing can collect the invoice any more, the
     * provider is asked and what it took is given back (what it cannot answer now, the reconciliation sweep settles).
     */
    void voidOverdue() {
        Dunning overdue = s.arrears.dunning;
        billing.closeUnpaidInvoice(overdue.invoiceId(), InvoiceStatus.VOID);
        s.arrears.dunning = null;
        if (overdue.unsettledPurpose() != null
                && Workflow.getVersion(EngineChanges.SETTLE_VOIDED_CHARGE, Workflow.DEFAULT_VERSION, 1) == 1) {
            settleVoided(overdue);
        }
    }

    private void settleVoided(Dunning overdue) {
        try {
            VoidedInvoiceSettlement settled = lookups.settleVoidedInvoice(new VoidedInvoice(overdue.invoiceId(), now()));
            if (settled.chargesTaken() > 0 || settled.leftInDoubt() > 0) {
                log.warn("Voided invoice of period {}: {} charge(s) the provider took, {} refunded, {} left to the "
                                + "reconciliation sweep", overdue.period().number(), settled.chargesTaken(),
                        settled.refundedMinor(), settled.leftInDoubt());
            }
        } catch (ActivityFailure failure) {
            log.warn("Could not settle the voided invoice of period {} now; the reconciliation sweep will: {}",
                    overdue.period().number(), failure.getMessage());
        }
    }

    /**
     * The first charge of a subscription created with {@code CHARGE_NOW} was declined: the caller was told so (402),
     * so nothing is left running and nothing is retried. The invoice is voided, never collected.
     */
    private void expireIncomplete(IssuedInvoice invoice) {
        log.info("First charge of {} declined; it expires incomplete", start.subscriptionId());
        billing.closeUnpaidInvoice(invoice.invoiceId(), InvoiceStatus.VOID);
        s.pending.cancelReason = INCOMPLETE_EXPIRED;
        s.endCanceled(now());
    }

    /**
     * Every retry was declined: the plan's dunning outcome. Suspend: the invoice stays open and the subscription waits
     * for it ({@link Suspension}); cancel: the invoice is uncollectible and the subscription ends.
     */
    private void exhaust() {
        if (suspension.suspends()) {
            suspension.suspend(s.arrears.dunning);
            return;
        }
        log.info("Dunning exhausted for period {}; canceling", s.arrears.dunning.period().number());
        billing.closeUnpaidInvoice(s.arrears.dunning.invoiceId(), InvoiceStatus.UNCOLLECTIBLE);
        s.pending.cancelReason = "payment_failed";
        s.endCanceled(now());
        notices.send("canceled", "subscription_canceled", Map.of("reason", s.pending.cancelReason));
    }
}

package io.perennial.subscription;

import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Instant;
import java.util.Map;

import static io.perennial.temporal.BusinessTime.now;

/**
 * A charge the issuer asks the customer to authenticate (Strong Customer Authentication): the subscription is past
 * due and waits, with a deadline ({@link DunningSchedule#customerActionWindow()}), for the customer's answer at the
 * provider; the customer is emailed the link ({@link NextAction}). The waiting is a {@link Dunning} whose reason is
 * {@link Dunning#AUTHENTICATION_REQUIRED}: {@code holdUntil} is the deadline and {@code unsettledPurpose} the charge,
 * which settles under its own key only ({@link InvoiceCollection#settleAwaited}), so no other charge is made while
 * the customer may still approve this one. Cancel voids the invoice and closes the provider's request
 * ({@link DunningRetries#voidOverdue}).
 */
final class CustomerAuthentication {

    private static final Logger log = Workflow.getLogger(CustomerAuthentication.class);

    /** Where the customer answers, relative to the API's base URL. */
    static String path(String subscriptionId) {
        return "/v1/subscriptions/" + subscriptionId + "/payment-authentication";
    }

    private final SubscriptionStart start;
    private final Subscription s;
    private final CustomerNotices notices;

    CustomerAuthentication(SubscriptionStart start, Subscription s, CustomerNotices notices) {
        this.start = start;
        this.s = s;
        this.notices = notices;
    }

    /**
     * The charge {@code purpose} of the overdue invoice waits for the customer from now: the collection so far
     * ({@code overdue}: its dunning slots and attempts) is kept for when it ends.
     */
    Dunning await(Dunning overdue, String purpose) {
        Instant deadline = now().plus(start.dunning().customerActionWindow());
        Dunning awaiting = new Dunning(overdue.period(), overdue.invoiceId(), overdue.amountDueMinor(),
                overdue.firstDeclineAt(), overdue.scheduledRetries(), overdue.retries(),
                Dunning.AUTHENTICATION_REQUIRED, deadline, purpose,
                overdue.firstFailureAt() != null ? overdue.firstFailureAt() : now(), overdue.attemptsSoFar());
        log.info("Charge {} of period {} waits for the customer until {}", purpose, overdue.period().number(),
                deadline);
        notices.send(overdue.period().number() + ":" + purpose + ":authenticate", "payment_action_required",
                Map.of("period", String.valueOf(overdue.period().number()),
                        "amountMinor", String.valueOf(overdue.amountDueMinor()), "currency", s.plan.currency(),
                        "actionUrl", path(start.subscriptionId()), "expiresAt", deadline.toString()));
        return awaiting;
    }

    /** The wait is over: the customer answered, or the deadline passed. A retry asked for meanwhile is not. */
    boolean over(Dunning awaiting) {
        return s.customerAnswered() || !now().isBefore(awaiting.holdUntil());
    }
}

package io.perennial.subscription;

import io.perennial.order.ShippingAddress;
import io.temporal.failure.ApplicationFailure;

import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What may change now, one rule per Update. Every validator calls its rule, so a refused change never reaches the
 * history; a handler that waited for the workflow lock calls it again inside the lock, because the state may have
 * moved while it waited (samples-java {@code safemessagepassing}). A refusal is a non-retryable
 * {@link SubscriptionFailures#CHANGE_REJECTED} with a message for the customer.
 */
final class ChangeRules {

    private final Subscription s;
    /** True once the run is known to be on the first engine, which only supports cancel. */
    private final BooleanSupplier onFirstEngine;

    ChangeRules(Subscription s, BooleanSupplier onFirstEngine) {
        this.s = s;
        this.onFirstEngine = onFirstEngine;
    }

    void cancel() {
        requireCurrentEngine();
        if (s.status == SubscriptionStatus.CANCELED) {
            throw rejected("The subscription is already canceled.");
        }
    }

    void uncancel() {
        requireCurrentEngine();
        if (!s.pending.cancelAtPeriodEnd || s.status == SubscriptionStatus.CANCELED) {
            throw rejected("Only a cancellation at period end that has not taken effect can be undone.");
        }
    }

    void pause(PauseRequest request, Instant now) {
        requireCurrentEngine();
        if (s.status != SubscriptionStatus.ACTIVE) {
            throw rejected(switch (s.status) {
                case TRIALING -> "A trial cannot be paused; cancel it instead.";
                case PAST_DUE -> "A past-due subscription cannot be paused; update the payment method or cancel.";
                case SUSPENDED -> "A suspended subscription cannot be paused; pay its open invoice or cancel.";
                case PAUSED -> "The subscription is already paused.";
                default -> "The subscription is canceled.";
            });
        }
        if (s.pending.cancelAtPeriodEnd) {
            throw rejected("The subscription cancels at period end; undo the cancellation first.");
        }
        requireNoAwaitedChange();
        if (s.pending.pauseAtPeriodEnd) {
            throw rejected("The subscription already pauses at period end.");
        }
        requireBilledPeriod();
        if (s.arrears.sentInvoice != null) {
            throw rejected("The period's invoice awaits payment; pay it first.");
        }
        Instant pausesAt = request.timing() == PauseTiming.IMMEDIATELY ? now : s.billing.currentPeriod.end();
        if (request.resumeAt() != null && !request.resumeAt().isAfter(pausesAt)) {
            throw rejected("resumeAt must be after the pause begins (" + pausesAt + ").");
        }
    }

    void resume() {
        requireCurrentEngine();
        if (s.status != SubscriptionStatus.PAUSED && !s.pending.pauseAtPeriodEnd) {
            throw rejected("The subscription is not paused.");
        }
    }

    void planChange(PlanChangeRequest request) {
        requireCurrentEngine();
        if (request == null || request.plan() == null) {
            throw rejected("The new plan is required.");
        }
        PlanTerms to = request.plan();
        PlanTerms plan = s.plan;
        if (s.status == SubscriptionStatus.CANCELED || s.inArrears()) {
            throw rejected("A " + s.status.name().toLowerCase().replace('_', '-')
                    + " subscription cannot change plan.");
        }
        if (s.sendsInvoices()) {
            throw rejected("A subscription paid by invoice cannot change plan yet; cancel and subscribe again.");
        }
        requireNoAwaitedChange();
        if (to.planId().equals(plan.planId()) && s.pending.scheduledPlan == null) {
            throw rejected("The subscription is already on " + to.planId() + ".");
        }
        if (s.status == SubscriptionStatus.ACTIVE) {
            requireBilledPeriod();
        }
        if (!to.currency().equals(plan.currency())) {
            throw rejected("The new plan is priced in " + to.currency() + ", the subscription in " + plan.currency()
                    + ".");
        }
    }

    void itemChange(ItemChange change) {
        requireCurrentEngine();
        requireNoAwaitedChange();
        if (change == null || (change.quantity() == null) == (change.addOn() == null)) {
            throw rejected("Say what changes: the quantity, or one add-on.");
        }
        if (change.quantity() != null
                && (change.quantity() < 1 || change.quantity() > SubscriptionItems.MAX_QUANTITY)) {
            throw rejected("The quantity must be 1 to " + SubscriptionItems.MAX_QUANTITY + ".");
        }
        AddOnChange addOn = change.addOn();
        if (addOn != null) {
            if (addOn.code() == null || addOn.quantity() < 0 || addOn.quantity() > SubscriptionItems.MAX_QUANTITY) {
                throw rejected("An add-on change names the add-on and a quantity of 0 to "
                        + SubscriptionItems.MAX_QUANTITY + ".");
            }
            boolean carried = s.billedItems().find(addOn.code()) != null || s.items.find(addOn.code()) != null;
            if (!carried && addOn.quantity() > 0 && addOn.terms() == null) {
                throw rejected("Add-on " + addOn.code() + " is not carried; its terms are needed to add it.");
            }
            if (addOn.terms() != null && !addOn.terms().currency().equals(s.plan.currency())) {
                throw rejected("Add-on " + addOn.code() + " is priced in " + addOn.terms().currency()
                        + ", the subscription in " + s.plan.currency() + ".");
            }
        }
        if (s.status == SubscriptionStatus.CANCELED || s.inArrears()) {
            throw rejected("A " + s.status.name().toLowerCase().replace('_', '-')
                    + " subscription cannot change its items.");
        }
        if (s.sendsInvoices()) {
            throw rejected("A subscription paid by invoice cannot change its items yet.");
        }
        if (s.status == SubscriptionStatus.ACTIVE) {
            requireBilledPeriod();
        }
        if (change.applyTo(s.billedItems(), s.items).equals(s.billedItems())) {
            throw rejected(addOn != null && addOn.quantity() == 0
                    ? "Add-on " + addOn.code() + " is not carried."
                    : "The subscription already bills that from its next period.");
        }
    }

    void planMigration(PlanTerms to) {
        requireCurrentEngine();
        if (to == null) {
            throw rejected("The plan version to migrate to is required.");
        }
        if (s.status == SubscriptionStatus.CANCELED) {
            throw rejected("The subscription is canceled.");
        }
        PlanTerms plan = s.plan;
        PlanTerms scheduledPlan = s.pending.scheduledPlan;
        if (!to.planId().equals(plan.planId())) {
            throw rejected("The subscription is on " + plan.planId() + ", not " + to.planId()
                    + "; a move to another plan is a plan change.");
        }
        int target = scheduledPlan != null && scheduledPlan.planId().equals(plan.planId())
                ? scheduledPlan.version() : plan.version();
        if (to.version() <= target) {
            throw rejected("The subscription is already on version " + target + " of " + plan.planId() + ".");
        }
        if (scheduledPlan != null && !scheduledPlan.planId().equals(plan.planId())) {
            throw rejected("A change to " + scheduledPlan.planId() + " is scheduled for the end of the period.");
        }
        if (!to.currency().equals(plan.currency()) || !to.interval().equals(plan.interval())) {
            throw rejected("Version " + to.version() + " bills in another currency or interval; use a plan change.");
        }
    }

    void coupon(CouponApplication application) {
        requireCurrentEngine();
        if (application == null || application.code() == null || application.code().isBlank()) {
            throw rejected("A coupon code is required.");
        }
        if (s.status == SubscriptionStatus.CANCELED) {
            throw rejected("The subscription is canceled.");
        }
        if (s.discounts.coupon != null) {
            throw rejected("Coupon " + s.discounts.coupon.code() + " already applies to this subscription.");
        }
    }

    void shippingAddressChange(ShippingAddress address) {
        requireCurrentEngine();
        if (address == null) {
            throw rejected("A shipping address is required.");
        }
        List<String> problems = address.problems();
        if (!problems.isEmpty()) {
            throw rejected("Invalid address: " + String.join("; ", problems));
        }
        if (s.status == SubscriptionStatus.CANCELED) {
            throw rejected("The subscription is canceled.");
        }
    }

    void requireCurrentEngine() {
        if (onFirstEngine.getAsBoolean()) {
            throw rejected("This subscription runs on the first engine, which only supports cancel.");
        }
    }

    /** A change that works on the current period waits until the first one has been billed. */
    private void requireBilledPeriod() {
        if (s.billing.currentPeriod == null) {
            throw rejected("The first payment is still being collected; try again in a moment.");
        }
    }

    static ApplicationFailure rejected(String message) {
        return ApplicationFailure.newNonRetryableFailure(message, SubscriptionFailures.CHANGE_REJECTED);
    }

    /** A change whose charge waits for the customer is answered (or expires) before anything else changes. */
    private void requireNoAwaitedChange() {
        if (s.pending.awaitedChange != null) {
            throw rejected("A change waits for the customer to authenticate its payment (until "
                    + s.pending.awaitedChange.expiresAt() + "); answer or let it expire first.");
        }
    }
}

package io.perennial.subscription;

import io.micronaut.core.annotation.Nullable;
import io.perennial.event.EventLog;
import io.perennial.event.EventObjects;
import io.perennial.event.EventType;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The event a recorded subscription state is: created at its first workflow revision, otherwise paused, resumed,
 * past_due or canceled when its status moved there, and updated for any other change. One event per revision,
 * so a retried record writes nothing new.
 */
@Singleton
class SubscriptionEvents {

    private final EventLog events;

    SubscriptionEvents(EventLog events) {
        this.events = events;
    }

    /**
     * Called in the transaction that wrote {@code state} over {@code before} (null or revision 0: the API's row),
     * whose add-ons and scheduled items were {@code itemsBefore}. A revision that changes nothing a client sees (a
     * continue-as-new, a reminder sent) writes no event; a decrease of items scheduled for the period end is seen.
     */
    void recorded(@Nullable SubscriptionRecord before, StoredItems.Items itemsBefore, boolean sameAddress,
                  SubscriptionState state, Instant businessTime) {
        boolean first = before == null || before.revision() == 0;
        if (!first && sameAddress && !visiblyChanged(before, state) && !itemsChanged(itemsBefore, state)) {
            return;
        }
        EventType type = first ? EventType.SUBSCRIPTION_CREATED : typeOf(before.status(), state.status());
        events.record(type, state.subscriptionId(), "revision:" + state.revision(),
                first ? state.startedAt() : businessTime, EventObjects.subscription(state),
                first ? null : previousAttributes(before, itemsBefore, state));
    }

    /** Whether the add-ons or the decrease waiting for the period end differ from the row's. */
    static boolean itemsChanged(StoredItems.Items before, SubscriptionState state) {
        return !before.addOns().equals(state.addOns()) || !Objects.equals(before.scheduled(), state.scheduledItems());
    }

    static EventType typeOf(SubscriptionStatus from, SubscriptionStatus to) {
        if (from == to) {
            return EventType.SUBSCRIPTION_UPDATED;
        }
        return switch (to) {
            case PAUSED -> EventType.SUBSCRIPTION_PAUSED;
            case PAST_DUE -> EventType.SUBSCRIPTION_PAST_DUE;
            case SUSPENDED -> EventType.SUBSCRIPTION_SUSPENDED;
            case CANCELED -> EventType.SUBSCRIPTION_CANCELED;
            case ACTIVE -> from == SubscriptionStatus.PAUSED ? EventType.SUBSCRIPTION_RESUMED
                    : from == SubscriptionStatus.SUSPENDED ? EventType.SUBSCRIPTION_REACTIVATED
                    : EventType.SUBSCRIPTION_UPDATED;
            case TRIALING -> EventType.SUBSCRIPTION_UPDATED;
        };
    }

    /** Whether any field of the subscription's view (its address aside, compared by the caller) differs. */
    static boolean visiblyChanged(SubscriptionRecord before, SubscriptionState state) {
        BillingPeriod period = state.currentPeriod();
        NextAction action = state.nextAction();
        List<Object> was = Arrays.asList(before.status(), before.planId(), before.amountMinor(), before.currency(),
                before.trialEnd(), before.currentPeriod(), before.currentPeriodStart(), before.currentPeriodEnd(),
                before.nextBillingAt(), before.accessUntil(), before.cancelAtPeriodEnd(), before.canceledAt(),
                before.cancelReason(), before.failedPaymentCount(), before.nextRetryAt(), before.pauseAtPeriodEnd(),
                before.pausedAt(), before.resumeAt(), before.scheduledPlanId(), before.couponCode(),
                before.couponInvoicesLeft(), before.planVersion(), before.scheduledPlanVersion(),
                before.nextActionType(), before.nextActionExpiresAt(), before.quantity());
        List<Object> is = Arrays.asList(state.status(), state.planId(), state.amountMinor(), state.currency(),
                state.trialEnd(), period == null ? null : period.number(), period == null ? null : period.start(),
                period == null ? null : period.end(), state.nextBillingAt(), state.accessUntil(),
                state.cancelAtPeriodEnd(), state.canceledAt(), state.cancelReason(), state.failedPaymentCount(),
                state.nextRetryAt(), state.pauseAtPeriodEnd(), state.pausedAt(), state.resumeAt(),
                state.scheduledPlanId(), state.couponCode(), state.couponInvoicesLeft(), state.planVersion(),
                state.scheduledPlanVersion(), action == null ? null : action.type(),
                action == null ? null : action.expiresAt(), state.quantity());
        return !was.equals(is);
    }

    /** The fields a receiver most often reacts to, with the values they had before this change. */
    private static Map<String, Object> previousAttributes(SubscriptionRecord before, StoredItems.Items itemsBefore,
                                                          SubscriptionState state) {
        Map<String, Object> previous = new LinkedHashMap<>();
        if (before.status() != state.status()) {
            previous.put("status", before.status().name());
        }
        if (!Objects.equals(before.planId(), state.planId())) {
            previous.put("planId", before.planId());
        }
        if (!Objects.equals(before.amountMinor(), state.amountMinor())) {
            previous.put("amountMinor", before.amountMinor());
        }
        if (before.cancelAtPeriodEnd() != state.cancelAtPeriodEnd()) {
            previous.put("cancelAtPeriodEnd", before.cancelAtPeriodEnd());
        }
        if (before.pauseAtPeriodEnd() != state.pauseAtPeriodEnd()) {
            previous.put("pauseAtPeriodEnd", before.pauseAtPeriodEnd());
        }
        if (!Objects.equals(before.couponCode(), state.couponCode())) {
            previous.put("couponCode", before.couponCode());
        }
        if (before.quantity() != state.quantity()) {
            previous.put("quantity", before.quantity());
        }
        if (!itemsBefore.addOns().equals(state.addOns())) {
            previous.put("addOns", EventObjects.addOns(itemsBefore.addOns()));
        }
        if (!Objects.equals(itemsBefore.scheduled(), state.scheduledItems())) {
            previous.put("scheduledItems", EventObjects.items(itemsBefore.scheduled()));
        }
        return previous;
    }
}

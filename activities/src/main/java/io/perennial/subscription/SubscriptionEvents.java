package io.perennial.subscription;

import io.micronaut.core.annotation.Nullable;
import io.perennial.event.EventLog;
import io.perennial.event.EventObjects;
import io.perennial.event.EventType;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
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

    /** Called in the transaction that wrote {@code state} over {@code before} (null or revision 0: the API's row). */
    void recorded(@Nullable SubscriptionRecord before, SubscriptionState state, Instant businessTime) {
        boolean first = before == null || before.revision() == 0;
        EventType type = first ? EventType.SUBSCRIPTION_CREATED : typeOf(before.status(), state.status());
        events.record(type, state.subscriptionId(), "revision:" + state.revision(),
                first ? state.startedAt() : businessTime, EventObjects.subscription(state),
                first ? null : previousAttributes(before, state));
    }

    static EventType typeOf(SubscriptionStatus from, SubscriptionStatus to) {
        if (from == to) {
            return EventType.SUBSCRIPTION_UPDATED;
        }
        return switch (to) {
            case PAUSED -> EventType.SUBSCRIPTION_PAUSED;
            case PAST_DUE -> EventType.SUBSCRIPTION_PAST_DUE;
            case CANCELED -> EventType.SUBSCRIPTION_CANCELED;
            case ACTIVE -> from == SubscriptionStatus.PAUSED ? EventType.SUBSCRIPTION_RESUMED
                    : EventType.SUBSCRIPTION_UPDATED;
            case TRIALING -> EventType.SUBSCRIPTION_UPDATED;
        };
    }

    /** The fields a receiver most often reacts to, with the values they had before this change. */
    private static Map<String, Object> previousAttributes(SubscriptionRecord before, SubscriptionState state) {
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
        return previous;
    }
}

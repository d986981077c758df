package io.perennial.subscription;

import io.micronaut.serde.ObjectMapper;
import io.perennial.order.ShippingAddress;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.perennial.analytics.SubscriptionHistory;
import io.perennial.temporal.WorkflowIds;
import io.temporal.activity.Activity;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.UUID;

@Singleton
public class SubscriptionRecordActivitiesImpl implements SubscriptionRecordActivities {

    private final SubscriptionRecordRepository repository;
    private final ObjectMapper json;
    private final SubscriptionHistory history;

    public SubscriptionRecordActivitiesImpl(SubscriptionRecordRepository repository, ObjectMapper json,
                                            SubscriptionHistory history) {
        this.repository = repository;
        this.json = json;
        this.history = history;
    }

    @Override
    public void recordSubscription(SubscriptionState state) {
        BillingPeriod period = state.currentPeriod();
        Instant changedAt = state.canceledAt() != null ? state.canceledAt() : Instant.now();
        NextAction action = state.nextAction();
        repository.upsert(UUID.fromString(state.subscriptionId()), UUID.fromString(state.customerId()), state.planId(),
                WorkflowIds.subscription(state.subscriptionId()), state.status().name(), state.trialEnd(),
                period == null ? null : period.number(), period == null ? null : period.start(),
                period == null ? null : period.end(), state.nextBillingAt(), state.cancelAtPeriodEnd(),
                state.canceledAt(), state.cancelReason(), state.failedPaymentCount(), state.accessUntil(),
                state.nextRetryAt(), state.pauseAtPeriodEnd(), state.pausedAt(), state.resumeAt(),
                state.scheduledPlanId(), state.amountMinor(), state.currency(), state.couponCode(),
                state.couponInvoicesLeft(), state.planVersion(), state.scheduledPlanVersion(), state.paymentIssue(),
                state.paymentIssueSince(), state.paymentAttempts(), address(state.shippingAddress()),
                action == null ? null : action.type(), action == null ? null : action.paymentKey(),
                action == null ? null : action.expiresAt(), state.revision(), state.startedAt(), changedAt);
        history.append(UUID.fromString(state.subscriptionId()), state.revision(),
                UUID.fromString(state.customerId()), state.planId(), state.planVersion(), state.status().name(),
                state.amountMinor(), state.currency(), state.couponCode(), state.couponInvoicesLeft(),
                state.cancelReason(), businessTime());
    }

    /**
     * When the workflow recorded the change: the activity's first scheduling, on the workflow's clock (so a test
     * clock moves it too; the wall clock would not). Called outside an activity (a test), it is now.
     */
    private static Instant businessTime() {
        long scheduled;
        try {
            scheduled = Activity.getExecutionContext().getInfo().getScheduledTimestamp();
        } catch (IllegalStateException notInAnActivity) {
            return Instant.now();
        }
        return scheduled == 0 ? Instant.now() : Instant.ofEpochMilli(scheduled);
    }

    /** The row's address is the workflow's: the read model has one writer per column. */
    private String address(ShippingAddress address) {
        if (address == null) {
            return null;
        }
        try {
            return json.writeValueAsString(address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

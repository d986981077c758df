package io.perennial.api.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.subscription.BillingPeriod;
import io.perennial.subscription.SubscriptionRecord;
import io.perennial.subscription.SubscriptionState;

import java.time.Instant;

@Serdeable
public record SubscriptionView(String id, String customerId, String planId, String status,
                               @Nullable Instant trialEnd, @Nullable Period currentPeriod,
                               @Nullable Instant nextBillingAt, boolean cancelAtPeriodEnd,
                               @Nullable Instant canceledAt, @Nullable String cancelReason,
                               int failedPaymentCount, String source) {

    @Serdeable
    public record Period(int number, Instant start, Instant end) {
    }

    /** The live state, straight from the workflow. */
    static SubscriptionView live(SubscriptionState state) {
        BillingPeriod period = state.currentPeriod();
        return new SubscriptionView(state.subscriptionId(), state.customerId(), state.planId(), state.status().name(),
                state.trialEnd(), period == null ? null : new Period(period.number(), period.start(), period.end()),
                state.nextBillingAt(), state.cancelAtPeriodEnd(), state.canceledAt(), state.cancelReason(),
                state.failedPaymentCount(), "workflow");
    }

    /** The last state the read model holds, when the workflow cannot be asked. */
    static SubscriptionView recorded(SubscriptionRecord row) {
        Period period = row.currentPeriod() == null ? null
                : new Period(row.currentPeriod(), row.currentPeriodStart(), row.currentPeriodEnd());
        return new SubscriptionView(row.id().toString(), row.customerId().toString(), row.planId(),
                row.status().name(), row.trialEnd(), period, row.nextBillingAt(), row.cancelAtPeriodEnd(),
                row.canceledAt(), row.cancelReason(), row.failedPaymentCount(), "read-model");
    }
}

package io.perennial.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of the subscriptions read model. */
@MappedEntity("subscriptions")
public record SubscriptionRecord(
        @Id UUID id,
        UUID customerId,
        String planId,
        String workflowId,
        SubscriptionStatus status,
        @Nullable Instant trialEnd,
        @Nullable Integer currentPeriod,
        @Nullable Instant currentPeriodStart,
        @Nullable Instant currentPeriodEnd,
        @Nullable Instant nextBillingAt,
        boolean cancelAtPeriodEnd,
        @Nullable Instant canceledAt,
        @Nullable String cancelReason,
        int failedPaymentCount,
        long revision,
        Instant createdAt,
        Instant updatedAt) {
}

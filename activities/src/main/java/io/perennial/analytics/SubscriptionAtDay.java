package io.perennial.analytics;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/**
 * A subscription as it stood at the end of a day (its latest history row then), with what its MRR needs: the plan's
 * interval and the coupon's discount.
 */
@Introspected
public record SubscriptionAtDay(
        UUID subscriptionId,
        UUID customerId,
        String status,
        @Nullable Long amountMinor,
        @Nullable String currency,
        @Nullable String couponCode,
        @Nullable Integer couponInvoicesLeft,
        String intervalUnit,
        int intervalCount,
        @Nullable Integer percentOffBp,
        @Nullable Long amountOffMinor,
        @Nullable String couponCurrency) {

    /** ACTIVE and PAST_DUE pay (dunning counts until the subscription is canceled); the rest do not. */
    public boolean paying() {
        return "ACTIVE".equals(status) || "PAST_DUE".equals(status);
    }

    public boolean trialing() {
        return "TRIALING".equals(status);
    }
}

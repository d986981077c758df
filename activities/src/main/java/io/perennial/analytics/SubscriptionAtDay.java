package io.perennial.analytics;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/**
 * A subscription as it stood at the end of a day (its latest history row then), with what its MRR needs: the plan's
 * interval, the coupon's discount, and whether it has ever been ACTIVE.
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
        @Nullable String couponCurrency,
        boolean everActive) {

    /**
     * ACTIVE pays; PAST_DUE pays once the subscription has been ACTIVE (dunning counts until it is canceled), but a
     * trial whose first charge failed was never converted and is not revenue yet. The rest do not pay.
     */
    public boolean paying() {
        return "ACTIVE".equals(status) || "PAST_DUE".equals(status) && everActive;
    }

    public boolean trialing() {
        return "TRIALING".equals(status);
    }
}

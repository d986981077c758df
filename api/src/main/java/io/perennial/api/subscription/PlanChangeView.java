package io.perennial.api.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.subscription.PlanChangeQuote;
import io.perennial.subscription.PlanChangeResult;

import java.time.Instant;

/**
 * The money of a plan change in minor units: credit for the unused old plan, charge for the new one (net of the
 * coupon's {@code discountMinor}), what is due now, and what is left over as account credit. A preview has no
 * invoice and no subscription. With a {@code nextAction} the change is pending: its charge waits for the customer to
 * authenticate it, the subscription keeps its plan until then, and the change is dropped if they refuse or do not
 * answer by {@code expiresAt}.
 */
@Serdeable
public record PlanChangeView(String fromPlanId, String toPlanId, String timing, Instant effectiveAt, String currency,
                             long creditMinor, long chargeMinor, long amountDueNowMinor, long accountCreditMinor,
                             long discountMinor, @Nullable String invoiceId, @Nullable SubscriptionView subscription,
                             @Nullable SubscriptionView.NextActionView nextAction) {

    static PlanChangeView preview(PlanChangeQuote quote) {
        return of(quote, null, null);
    }

    static PlanChangeView applied(PlanChangeResult result) {
        return of(result.quote(), result.invoiceId(), SubscriptionView.live(result.state()));
    }

    private static PlanChangeView of(PlanChangeQuote quote, String invoiceId, SubscriptionView subscription) {
        return new PlanChangeView(quote.fromPlanId(), quote.toPlanId(), quote.timing().name(), quote.effectiveAt(),
                quote.currency(), quote.creditMinor(), quote.chargeMinor(), quote.amountDueNowMinor(),
                quote.accountCreditMinor(), quote.discountMinor(), invoiceId, subscription,
                subscription == null ? null : subscription.nextAction());
    }
}

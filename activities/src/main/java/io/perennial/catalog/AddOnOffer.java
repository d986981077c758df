package io.perennial.catalog;

import io.perennial.subscription.AddOnItem;

import java.util.List;
import java.util.Optional;

/**
 * An add-on with its prices (one per currency, per billing period of the plan it is added to) and the plans it is
 * for; no plans listed means every plan.
 */
public record AddOnOffer(AddOn addOn, List<PlanPrice> prices, List<String> planIds) {

    public Optional<PlanPrice> price(String currency) {
        return prices.stream().filter(price -> price.currency().equals(currency)).findFirst();
    }

    public boolean availableWith(String planId) {
        return planIds.isEmpty() || planIds.contains(planId);
    }

    /** The terms a subscription copies when it adds {@code quantity} of it, in {@code currency}. */
    public Optional<AddOnItem> item(String currency, int quantity) {
        return price(currency).map(price -> new AddOnItem(addOn.code(), addOn.name(), price.amountMinor(),
                currency, quantity));
    }
}

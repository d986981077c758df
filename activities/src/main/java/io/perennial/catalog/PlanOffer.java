package io.perennial.catalog;

import io.perennial.fulfilment.BoxItem;
import io.perennial.subscription.BillingInterval;
import io.perennial.subscription.IntervalUnit;
import io.perennial.subscription.PlanTerms;

import java.util.List;
import java.util.Optional;

/** A plan at one version: what a subscriber signing up now (or migrated to it) gets. */
public record PlanOffer(Plan plan, PlanVersion version, List<PlanPrice> prices, List<PlanBoxItem> box) {

    public Optional<PlanPrice> price(String currency) {
        return prices.stream().filter(price -> price.currency().equals(currency)).findFirst();
    }

    /** The trial as an interval, or null without one. */
    public BillingInterval trial() {
        return version.trialUnit() == null ? null : new BillingInterval(version.trialUnit(), version.trialCount());
    }

    public boolean hasTrial() {
        return version.trialUnit() != null;
    }

    /** The terms frozen into a subscription's workflow, in one of the plan's currencies. */
    public PlanTerms terms(PlanPrice price) {
        BillingInterval trial = trial();
        int trialDays = trial != null && trial.unit() == IntervalUnit.DAY ? trial.count() : 0;
        return new PlanTerms(plan.id(), plan.name(), price.amountMinor(), price.currency(), plan.interval(), trialDays,
                version.version(), trial, box.stream().map(item -> new BoxItem(item.sku(), item.quantity())).toList(),
                version.dunningOutcome());
    }
}

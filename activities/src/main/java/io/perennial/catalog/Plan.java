package io.perennial.catalog;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.perennial.subscription.BillingInterval;
import io.perennial.subscription.IntervalUnit;
import io.perennial.subscription.PlanTerms;

import java.time.Instant;

@MappedEntity("plans")
public record Plan(@Id String id, String name, PlanKind kind, long amountMinor, String currency,
                   IntervalUnit intervalUnit, int intervalCount, int trialDays, boolean active, Instant createdAt) {

    /** The terms a new subscriber signs up for, frozen into the workflow. */
    public PlanTerms terms() {
        return new PlanTerms(id, name, amountMinor, currency, new BillingInterval(intervalUnit, intervalCount), trialDays);
    }
}

package io.perennial.api.catalog;

import io.micronaut.serde.annotation.Serdeable;
import io.perennial.catalog.Plan;

@Serdeable
public record PlanView(String id, String name, String kind, long amountMinor, String currency, String intervalUnit,
                       int intervalCount, int trialDays) {

    static PlanView of(Plan plan) {
        return new PlanView(plan.id(), plan.name(), plan.kind().name(), plan.amountMinor(), plan.currency(),
                plan.intervalUnit().name(), plan.intervalCount(), plan.trialDays());
    }
}

package io.perennial.api.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.catalog.PlanKind;
import io.perennial.catalog.PlanOffer;
import io.perennial.subscription.DunningOutcome;
import io.perennial.subscription.IntervalUnit;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * A plan at one version. {@code trialDays} is the trial in days when it is given in days (0 otherwise), kept for
 * clients that predate {@code trial}. {@code dunningOutcome}: what happens when dunning is used up, {@code CANCEL}
 * or {@code SUSPEND} (docs/billing.md).
 */
@Serdeable
public record PlanView(String id, String productId, String name,
                       @Schema(implementation = PlanKind.class) String kind, int version, boolean active,
                       IntervalBody interval, @Nullable IntervalBody trial, int trialDays, List<PriceBody> prices,
                       List<BoxItemBody> box,
                       @Schema(implementation = DunningOutcome.class) String dunningOutcome) {

    public static PlanView of(PlanOffer offer) {
        IntervalBody trial = IntervalBody.of(offer.trial());
        return new PlanView(offer.plan().id(), offer.plan().productId(), offer.plan().name(),
                offer.plan().kind().name(), offer.version().version(), offer.plan().active(),
                IntervalBody.of(offer.plan().interval()), trial,
                trial != null && trial.unit() == IntervalUnit.DAY ? trial.count() : 0,
                offer.prices().stream().map(PriceBody::of).toList(),
                offer.box().stream().map(BoxItemBody::of).toList(), offer.version().dunningOutcome().name());
    }
}

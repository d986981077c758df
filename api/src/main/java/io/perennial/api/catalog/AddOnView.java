package io.perennial.api.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.catalog.AddOnOffer;

import java.time.Instant;
import java.util.List;

/**
 * An add-on of the catalogue: its prices per period and the plans it is for (empty: every plan). {@code state} is
 * {@code ACTIVE} (offered) or {@code RETIRED} (since {@code retiredAt}: kept by the subscriptions that carry it, added
 * to none); {@code repricedAt} is when its prices were last replaced (absent: as created).
 */
@Serdeable
public record AddOnView(String code, String name, boolean active, State state, List<PriceBody> prices,
                        List<String> planIds, @Nullable Instant retiredAt, @Nullable Instant repricedAt) {

    public enum State { ACTIVE, RETIRED }

    static AddOnView of(AddOnOffer offer) {
        var addOn = offer.addOn();
        return new AddOnView(addOn.code(), addOn.name(), addOn.active(), addOn.active() ? State.ACTIVE
                : State.RETIRED, offer.prices().stream().map(PriceBody::of).toList(), offer.planIds(),
                addOn.retiredAt(), addOn.repricedAt());
    }
}

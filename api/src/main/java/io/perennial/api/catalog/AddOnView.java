package io.perennial.api.catalog;

import io.micronaut.serde.annotation.Serdeable;
import io.perennial.catalog.AddOnOffer;

import java.util.List;

/** An add-on of the catalogue: its prices per period and the plans it is for (empty: every plan). */
@Serdeable
public record AddOnView(String code, String name, boolean active, List<PriceBody> prices, List<String> planIds) {

    static AddOnView of(AddOnOffer offer) {
        return new AddOnView(offer.addOn().code(), offer.addOn().name(), offer.addOn().active(),
                offer.prices().stream().map(PriceBody::of).toList(), offer.planIds());
    }
}

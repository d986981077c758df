package io.perennial.api.catalog;

import io.micronaut.serde.annotation.Serdeable;
import io.perennial.catalog.PlanPrice;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** One period's price in integer minor units of an ISO 4217 currency: {"currency":"EUR","amountMinor":1299}. */
@Serdeable
public record PriceBody(@NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
                        @Min(0) @Max(100_000_000_00L) long amountMinor) {

    PlanPrice price() {
        return new PlanPrice(currency, amountMinor);
    }

    static PriceBody of(PlanPrice price) {
        return new PriceBody(price.currency(), price.amountMinor());
    }
}

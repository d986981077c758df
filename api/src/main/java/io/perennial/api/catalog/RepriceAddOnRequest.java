package io.perennial.api.catalog;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * An add-on's new prices, one per currency, replacing all of its prices for additions from now on (a currency left
 * out is no longer offered); subscriptions that carry the add-on keep the price they added it at.
 */
@Serdeable
public record RepriceAddOnRequest(@NotEmpty @Size(max = 20) List<@NotNull @Valid PriceBody> prices) {
}

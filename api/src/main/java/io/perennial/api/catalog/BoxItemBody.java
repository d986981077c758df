package io.perennial.api.catalog;

import io.micronaut.serde.annotation.Serdeable;
import io.perennial.catalog.PlanBoxItem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A line of a physical plan's box: {"sku":"COFFEE-250G","quantity":2}. */
@Serdeable
public record BoxItemBody(@NotNull @Pattern(regexp = "[A-Z0-9][A-Z0-9._-]{0,63}") String sku,
                          @Min(1) @Max(1000) int quantity) {

    PlanBoxItem item() {
        return new PlanBoxItem(sku, quantity);
    }

    static BoxItemBody of(PlanBoxItem item) {
        return new BoxItemBody(item.sku(), item.quantity());
    }
}

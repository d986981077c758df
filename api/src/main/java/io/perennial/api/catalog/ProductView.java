package io.perennial.api.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.catalog.PlanKind;
import io.perennial.catalog.Product;
import io.swagger.v3.oas.annotations.media.Schema;

@Serdeable
public record ProductView(String id, String name, @Nullable String description,
                          @Schema(implementation = PlanKind.class) String kind, boolean active) {

    static ProductView of(Product product) {
        return new ProductView(product.id(), product.name(), product.description(), product.kind().name(),
                product.active());
    }
}

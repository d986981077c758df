package io.perennial.analytics;

import io.micronaut.core.annotation.Introspected;

import java.time.LocalDate;

/** A row of {@code analytics_sku_units}: units of a SKU sold in orders ({@code ORDER}) or boxes ({@code BOX}). */
@Introspected
public record SkuUnitsFact(LocalDate day, String sku, String kind, long units) {
}

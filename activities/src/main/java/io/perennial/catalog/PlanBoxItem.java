package io.perennial.catalog;

import io.micronaut.core.annotation.Introspected;

@Introspected
public record PlanBoxItem(String sku, int quantity) {
}

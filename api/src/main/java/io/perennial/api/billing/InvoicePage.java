package io.perennial.api.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One page of invoices; {@code next} is the {@code after} value for the following page, null on the last. */
@Serdeable
public record InvoicePage(List<InvoiceView> items, @Nullable String next) {
}

package io.perennial.restock;

import java.time.Duration;
import java.time.Instant;

/** A supplier a SKU can be bought from, and how long a delivery takes. */
public record SupplierTerms(String supplierId, Duration leadTime) {

    /** When an order placed {@code placedAt} counts as late: half the lead time again. */
    public Instant dueFrom(Instant placedAt) {
        return placedAt.plus(leadTime.multipliedBy(3).dividedBy(2));
    }
}

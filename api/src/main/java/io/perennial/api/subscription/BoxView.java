package io.perennial.api.subscription;

import io.micronaut.serde.annotation.Serdeable;
import io.perennial.fulfilment.SubscriptionBox;

import java.time.Instant;
import java.util.List;

/** A box owed to the subscriber for a paid period; {@code status} is DUE until fulfilment takes it. */
@Serdeable
public record BoxView(int period, String planId, int planVersion, List<Item> items, String status,
                      Instant periodStart, Instant periodEnd, Instant dueAt) {

    @Serdeable
    public record Item(String sku, int quantity) {
    }

    static BoxView of(SubscriptionBox box, List<Item> items) {
        return new BoxView(box.period(), box.planId(), box.planVersion(), items, box.status(), box.periodStart(),
                box.periodEnd(), box.dueAt());
    }
}

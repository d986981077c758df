package io.perennial.subscription;

import io.micronaut.serde.annotation.SerdeImport;

/**
 * Lets Micronaut Serde write and read the workflow's next box, add-ons and scheduled items as the read model's JSON
 * columns.
 */
@SerdeImport(NextBox.class)
@SerdeImport(AddOnItem.class)
@SerdeImport(SubscriptionItems.class)
final class SubscriptionSerde {
    private SubscriptionSerde() {
    }
}

package io.perennial.subscription;

import io.micronaut.serde.annotation.SerdeImport;

/** Lets Micronaut Serde write and read the workflow's next box as the read model's JSON column. */
@SerdeImport(NextBox.class)
final class SubscriptionSerde {
    private SubscriptionSerde() {
    }
}

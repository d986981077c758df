package io.perennial.order;

import io.micronaut.serde.annotation.SerdeImport;
import io.perennial.inventory.StockLine;
import io.perennial.subscription.NextAction;

/**
 * Lets Micronaut Serde write and read the order records of the workflows module (which carry no framework
 * annotations) as the JSON columns of the {@code orders} read model and the carrier's book.
 */
@SerdeImport(StockLine.class)
@SerdeImport(ShippingAddress.class)
@SerdeImport(StatusChange.class)
@SerdeImport(CancellationOutcome.class)
@SerdeImport(NextAction.class)
final class OrderSerde {
    private OrderSerde() {
    }
}

package io.perennial.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.inventory.StockLine;
import io.perennial.risk.RiskReview;
import io.perennial.subscription.NextAction;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads of the {@code orders} read model for the API. The order's workflow is the only writer of its row
 * ({@link OrderRecordActivitiesImpl}); the API asks the workflow for an order placed too recently to have one.
 */
@Singleton
public class OrderReadModel {

    private final OrderRowRepository orders;
    private final TransactionOperations<Connection> transactions;
    private final ObjectMapper json;

    public OrderReadModel(OrderRowRepository orders, TransactionOperations<Connection> transactions,
                          ObjectMapper json) {
        this.orders = orders;
        this.transactions = transactions;
        this.json = json;
    }

    public Optional<OrderRecord> find(String orderId) {
        return transactions.executeRead(status -> orders.find(orderId)).map(this::map);
    }

    /** The order whose shipment has this tracking number. */
    public Optional<OrderRecord> findByTrackingNumber(String trackingNumber) {
        return transactions.executeRead(status -> orders.findByTracking(trackingNumber)).stream().findFirst()
                .map(this::map);
    }

    /**
     * Newest first, after the order {@code after} (a cursor: its placed_at and id), at most {@code limit}; optionally
     * one customer's, optionally in one status.
     */
    public List<OrderRecord> page(@Nullable UUID customerId, @Nullable OrderStatus status, @Nullable OrderRecord after,
                                  int limit) {
        return transactions.executeRead(tx -> orders.findPage(customerId,
                        status == null ? null : status.name(), after == null ? null : after.placedAt(),
                        after == null ? null : after.orderId(), limit))
                .stream().map(this::map).toList();
    }

    private OrderRecord map(OrderRowRepository.OrderRow row) {
        return new OrderRecord(row.orderId(), row.customerId(), OrderStatus.valueOf(row.status()),
                read(row.lines(), Argument.listOf(StockLine.class)), row.amountMinor(), row.currency(),
                row.chargedMinor(), row.refundedMinor(), read(row.shippingAddress(), Argument.of(ShippingAddress.class)),
                read(row.backorderedSkus(), Argument.listOf(String.class)), row.backorderDeadlineAt(),
                row.shipmentId(), row.trackingNumber(), row.labelReference(), row.pickupDeadlineAt(),
                row.failureReason(),
                row.cancellation() == null ? null : read(row.cancellation(), Argument.of(CancellationOutcome.class)),
                read(row.history(), Argument.listOf(StatusChange.class)), row.revision(), row.placedAt(),
                row.updatedAt(), row.subscriptionId(), row.period(),
                row.risk() == null ? null : read(row.risk(), Argument.of(RiskReview.class)),
                row.nextAction() == null ? null : read(row.nextAction(), Argument.of(NextAction.class)));
    }

    private <T> T read(String text, Argument<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable orders column: " + text, e);
        }
    }
}

package io.perennial.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.inventory.StockLine;
import io.perennial.jdbc.RefusedData;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads of the {@code orders} read model for the API, and the row the API writes when it places an order (so the
 * order can be read at once; the workflow's first record replaces it).
 */
@Singleton
public class OrderReadModel {

    private static final String COLUMNS = "order_id, customer_id, status, lines, amount_minor, currency, "
            + "charged_minor, refunded_minor, shipping_address, backordered_skus, backorder_deadline_at, shipment_id, "
            + "tracking_number, label_reference, pickup_deadline_at, failure_reason, cancellation, history, revision, "
            + "placed_at, updated_at, subscription_id, period";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final OrderRecordActivitiesImpl records;
    private final ObjectMapper json;

    public OrderReadModel(JdbcOperations jdbc, TransactionOperations<Connection> transactions,
                          OrderRecordActivitiesImpl records, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.records = records;
        this.json = json;
    }

    /**
     * Writes the placed order as revision 0, unless a row is there: any revision the workflow records (1 and up)
     * replaces it, and it never replaces one.
     */
    public void recordPlaced(OrderState placed) {
        try {
            writePlaced(placed);
        } catch (RuntimeException e) {
            // The workflow's first record can race this insert and win on another unique key (workflow_id):
            // its row is newer than revision 0, which is all this would have written.
            if (!RefusedData.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    private void writePlaced(OrderState placed) {
        transactions.executeWrite(status -> {
            records.recordOrder(new OrderState(placed.orderId(), placed.customerId(), placed.status(),
                    placed.history(), placed.lines(), placed.amountMinor(), placed.currency(), placed.shippingAddress(),
                    placed.backorderedSkus(), placed.backorderDeadlineAt(), placed.chargedMinor(),
                    placed.refundedMinor(), placed.paymentId(), placed.shipmentId(), placed.trackingNumber(),
                    placed.labelReference(), placed.pickupDeadlineAt(), placed.carrierEvents(),
                    placed.duplicateCarrierEvents(), placed.cancellation(), placed.failureReason(), placed.placedAt(),
                    placed.updatedAt(), 0, placed.prepaidBy()));
            return null;
        });
    }

    public Optional<OrderRecord> find(String orderId) {
        return one("SELECT " + COLUMNS + " FROM orders WHERE order_id = ?", orderId);
    }

    /** The order whose shipment has this tracking number. */
    public Optional<OrderRecord> findByTrackingNumber(String trackingNumber) {
        return one("SELECT " + COLUMNS + " FROM orders WHERE tracking_number = ?", trackingNumber);
    }

    /**
     * Newest first, after the order {@code after} (a cursor: its placed_at and id), at most {@code limit}; optionally
     * one customer's, optionally in one status.
     */
    public List<OrderRecord> page(@Nullable UUID customerId, @Nullable OrderStatus status, @Nullable OrderRecord after,
                                  int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM orders WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (customerId != null) {
            sql.append(" AND customer_id = ?");
            parameters.add(customerId);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            parameters.add(status.name());
        }
        if (after != null) {
            sql.append(" AND (placed_at, order_id) < (?, ?)");
            parameters.add(Timestamp.from(after.placedAt()));
            parameters.add(after.orderId());
        }
        sql.append(" ORDER BY placed_at DESC, order_id DESC LIMIT ?");
        parameters.add(limit);
        return query(sql.toString(), parameters.toArray());
    }

    private Optional<OrderRecord> one(String sql, Object... parameters) {
        return query(sql, parameters).stream().findFirst();
    }

    private List<OrderRecord> query(String sql, Object... parameters) {
        return transactions.executeRead(status -> jdbc.prepareStatement(sql, statement -> {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<OrderRecord> rows = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(map(row));
                }
            }
            return rows;
        }));
    }

    private OrderRecord map(ResultSet row) throws SQLException {
        String cancellation = row.getString(17);
        return new OrderRecord(row.getString(1), row.getObject(2, UUID.class), OrderStatus.valueOf(row.getString(3)),
                read(row.getString(4), Argument.listOf(StockLine.class)), row.getLong(5), row.getString(6),
                row.getLong(7), row.getLong(8), read(row.getString(9), Argument.of(ShippingAddress.class)),
                read(row.getString(10), Argument.listOf(String.class)), instant(row.getTimestamp(11)),
                row.getString(12), row.getString(13), row.getString(14), instant(row.getTimestamp(15)),
                row.getString(16),
                cancellation == null ? null : read(cancellation, Argument.of(CancellationOutcome.class)),
                read(row.getString(18), Argument.listOf(StatusChange.class)), row.getLong(19),
                row.getTimestamp(20).toInstant(), row.getTimestamp(21).toInstant(), row.getObject(22, UUID.class),
                row.getObject(23, Integer.class));
    }

    private <T> T read(String text, Argument<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable orders column: " + text, e);
        }
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

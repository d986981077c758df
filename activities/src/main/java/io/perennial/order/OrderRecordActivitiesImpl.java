package io.perennial.order;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.jdbc.RefusedData;
import io.perennial.temporal.WorkflowIds;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Keeps the {@code orders} row of each order current; an older revision never overwrites a newer one. */
@Singleton
public class OrderRecordActivitiesImpl implements OrderRecordActivities {

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final ObjectMapper json;

    public OrderRecordActivitiesImpl(JdbcOperations jdbc, TransactionOperations<Connection> transactions,
                                     ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public void recordOrder(OrderState state) {
        try {
            transactions.executeWrite(status -> write(state));
        } catch (RuntimeException e) {
            Optional<String> refused = RefusedData.sqlState(e);
            if (refused.isEmpty()) {
                throw e;
            }
            // The message names the SQLState only: PostgreSQL's own text may quote the refused data, and failure
            // messages are kept unencrypted in the workflow's history.
            throw ApplicationFailure.newNonRetryableFailure("the orders read model refused the record of order "
                    + state.orderId() + " (SQLState " + refused.get() + ")", OrderFailures.RECORD_REFUSED);
        }
    }

    private int write(OrderState state) {
        Object[] values = {state.orderId(), UUID.fromString(state.customerId()), WorkflowIds.order(state.orderId()),
                state.status().name(), json(state.lines()), state.amountMinor(), state.currency(),
                state.chargedMinor(), state.refundedMinor(), json(state.shippingAddress()),
                json(state.backorderedSkus()), timestamp(state.backorderDeadlineAt()), state.shipmentId(),
                state.trackingNumber(), state.labelReference(), timestamp(state.pickupDeadlineAt()),
                state.failureReason(), state.cancellation() == null ? null : json(state.cancellation()),
                json(state.history()), state.revision(), timestamp(state.placedAt()), timestamp(state.updatedAt()),
                state.prepaidBy() == null ? null : UUID.fromString(state.prepaidBy().subscriptionId()),
                state.prepaidBy() == null ? null : state.prepaidBy().period()};
        return jdbc.prepareStatement("""
                INSERT INTO orders (order_id, customer_id, workflow_id, status, lines, amount_minor, currency,
                    charged_minor, refunded_minor, shipping_address, backordered_skus, backorder_deadline_at,
                    shipment_id, tracking_number, label_reference, pickup_deadline_at, failure_reason, cancellation,
                    history, revision, placed_at, updated_at, subscription_id, period)
                VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, ?, ?, ?,
                    CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, ?, ?)
                ON CONFLICT (order_id) DO UPDATE SET
                    status = EXCLUDED.status,
                    charged_minor = EXCLUDED.charged_minor,
                    refunded_minor = EXCLUDED.refunded_minor,
                    shipping_address = EXCLUDED.shipping_address,
                    backordered_skus = EXCLUDED.backordered_skus,
                    backorder_deadline_at = EXCLUDED.backorder_deadline_at,
                    shipment_id = EXCLUDED.shipment_id,
                    tracking_number = EXCLUDED.tracking_number,
                    label_reference = EXCLUDED.label_reference,
                    pickup_deadline_at = EXCLUDED.pickup_deadline_at,
                    failure_reason = EXCLUDED.failure_reason,
                    cancellation = EXCLUDED.cancellation,
                    history = EXCLUDED.history,
                    revision = EXCLUDED.revision,
                    updated_at = EXCLUDED.updated_at
                WHERE orders.revision < EXCLUDED.revision
                """, statement -> {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        });
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

package io.perennial.order;

import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.jdbc.RefusedData;
import io.perennial.points.MemberPoints;
import io.perennial.temporal.WorkflowIds;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.util.Optional;
import java.util.UUID;

/** Keeps the {@code orders} row of each order current; an older revision never overwrites a newer one. */
@Singleton
public class OrderRecordActivitiesImpl implements OrderRecordActivities {

    private final OrderRowRepository orders;
    private final TransactionOperations<Connection> transactions;
    private final ObjectMapper json;
    private final MemberPoints points;

    public OrderRecordActivitiesImpl(OrderRowRepository orders, TransactionOperations<Connection> transactions,
                                     ObjectMapper json, MemberPoints points) {
        this.orders = orders;
        this.transactions = transactions;
        this.json = json;
        this.points = points;
    }

    @Override
    public void recordOrder(OrderState state) {
        try {
            transactions.executeWrite(status -> {
                int written = write(state);
                earnOnDelivery(state);
                return written;
            });
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
        return orders.upsert(state.orderId(), UUID.fromString(state.customerId()), WorkflowIds.order(state.orderId()),
                state.status().name(), json(state.lines()), state.amountMinor(), state.currency(),
                state.chargedMinor(), state.refundedMinor(), json(state.shippingAddress()),
                json(state.backorderedSkus()), state.backorderDeadlineAt(), state.shipmentId(),
                state.trackingNumber(), state.labelReference(), state.pickupDeadlineAt(), state.failureReason(),
                state.cancellation() == null ? null : json(state.cancellation()), json(state.history()),
                state.revision(), state.placedAt(), state.updatedAt(),
                state.prepaidBy() == null ? null : UUID.fromString(state.prepaidBy().subscriptionId()),
                state.prepaidBy() == null ? null : state.prepaidBy().period());
    }

    /** A delivered one-off order earns on what it was paid (a box is paid, and earns, by its subscription's invoice). */
    private void earnOnDelivery(OrderState state) {
        long paid = state.chargedMinor() - state.refundedMinor();
        if (state.status() == OrderStatus.DELIVERED && state.prepaidBy() == null && paid > 0) {
            points.earnForOrder(state.orderId(), UUID.fromString(state.customerId()), state.lines(), paid,
                    state.currency(), state.updatedAt());
        }
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

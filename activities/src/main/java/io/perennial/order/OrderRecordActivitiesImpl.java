package io.perennial.order;

import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.event.EventLog;
import io.perennial.event.EventObjects;
import io.perennial.event.EventType;
import io.perennial.jdbc.RefusedData;
import io.perennial.points.MemberPoints;
import io.perennial.temporal.WorkflowIds;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Keeps the {@code orders} row of each order current; an older revision never overwrites a newer one. */
@Singleton
public class OrderRecordActivitiesImpl implements OrderRecordActivities {

    private final OrderRowRepository orders;
    private final TransactionOperations<Connection> transactions;
    private final ObjectMapper json;
    private final EventLog events;
    private final MemberPoints points;

    public OrderRecordActivitiesImpl(OrderRowRepository orders, TransactionOperations<Connection> transactions,
                                     ObjectMapper json, EventLog events, MemberPoints points) {
        this.orders = orders;
        this.transactions = transactions;
        this.json = json;
        this.events = events;
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
        int wrote = orders.upsert(state.orderId(), UUID.fromString(state.customerId()), WorkflowIds.order(state.orderId()),
                state.status().name(), json(state.lines()), state.amountMinor(), state.currency(),
                state.chargedMinor(), state.refundedMinor(), json(state.shippingAddress()),
                json(state.backorderedSkus()), state.backorderDeadlineAt(), state.shipmentId(),
                state.trackingNumber(), state.labelReference(), state.pickupDeadlineAt(), state.failureReason(),
                state.cancellation() == null ? null : json(state.cancellation()), json(state.history()),
                state.revision(), state.placedAt(), state.updatedAt(),
                state.prepaidBy() == null ? null : UUID.fromString(state.prepaidBy().subscriptionId()),
                state.prepaidBy() == null ? null : state.prepaidBy().period(),
                state.risk() == null ? null : json(state.risk()),
                state.nextAction() == null ? null : json(state.nextAction()));
        if (wrote > 0) {
            changed(state);
        }
        return wrote;
    }

    /**
     * One event per step of the order's history that has a type, keyed by the step's place in it: a record that
     * carries several new steps writes each (at the step's own time), and a retried record writes none twice.
     * {@code data.object} is the order as recorded with the newest of them.
     */
    private void changed(OrderState state) {
        List<StatusChange> history = state.history();
        for (int step = 0; step < history.size(); step++) {
            StatusChange change = history.get(step);
            EventType type = eventOf(change.status());
            if (type != null) {
                events.record(type, state.orderId(), "step:" + step, change.at(), EventObjects.order(state));
            }
        }
    }

    /** Shipped is when the carrier has it; booking a shipment is not yet shipping. */
    static EventType eventOf(OrderStatus status) {
        return switch (status) {
            case RECEIVED -> EventType.ORDER_CREATED;
            case BACKORDERED -> EventType.ORDER_BACKORDERED;
            case PAID -> EventType.ORDER_PAID;
            case PICKED_UP -> EventType.ORDER_SHIPPED;
            case DELIVERED -> EventType.ORDER_DELIVERED;
            case CANCELED, CANCELED_BACKORDER -> EventType.ORDER_CANCELED;
            case SHIPMENT_EXCEPTION -> EventType.SHIPMENT_EXCEPTION;
            case STOCK_RESERVED, IN_REVIEW, AWAITING_PAYMENT, SHIPMENT_BOOKED, IN_TRANSIT, OUT_FOR_DELIVERY, FAILED -> null;
        };
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

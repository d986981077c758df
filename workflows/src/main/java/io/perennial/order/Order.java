package io.perennial.order;

import io.perennial.inventory.StockHold;
import io.perennial.risk.RiskReview;
import io.perennial.shipping.CarrierEvent;
import io.perennial.shipping.ShipmentBooking;
import io.perennial.subscription.NextAction;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.perennial.temporal.BusinessTime.now;

/**
 * The order as its workflow keeps it, one object that the saga's helpers share. It lives for one run (an order
 * never continues as new) and never leaves the workflow; {@link #state()} is what the query answers.
 */
final class Order {

    private static final Logger log = Workflow.getLogger(Order.class);

    final OrderRequest request;
    final StockHold hold;
    final Instant placedAt;
    final List<StatusChange> history = new ArrayList<>();
    final ShipmentTracking tracking = new ShipmentTracking();
    /** Carrier events signalled and not yet applied by the main loop. */
    final List<CarrierEvent> inbox = new ArrayList<>();
    final List<String> compensationFailures = new ArrayList<>();

    OrderStatus status;
    ShippingAddress address;
    List<String> backorderedSkus = List.of();
    Instant backorderDeadlineAt;
    int restockSignals;
    long chargedMinor;
    long refundedMinor;
    String paymentId;
    /** Set when the booking call starts: from then on the address is what the carrier has. */
    boolean bookingStarted;
    ShipmentBooking booking;
    Instant pickupDeadlineAt;
    boolean pickupOverdue;
    boolean stockShipped;
    boolean cancelRequested;
    CancellationOutcome cancellation;
    String failureReason;
    /** While the charge waits for the customer to authenticate it ({@link OrderPayment}). */
    NextAction nextAction;
    /** Null until the risk check ran (never for a box). */
    RiskReview risk;
    Instant updatedAt;
    long revision = 1;

    Order(OrderRequest request, Instant placedAt) {
        this.request = request;
        this.hold = StockHold.forOrder(request.orderId(), request.lines());
        this.placedAt = placedAt;
        this.address = request.shippingAddress();
        this.status = OrderStatus.RECEIVED;
        this.updatedAt = placedAt;
        this.history.add(new StatusChange(OrderStatus.RECEIVED, placedAt, "placed"));
    }

    void move(OrderStatus to, String reason) {
        Instant at = now();
        log.info("Order {}: {} → {} ({})", request.orderId(), status, to, reason);
        status = to;
        history.add(new StatusChange(to, at, reason));
        changed();
    }

    void changed() {
        revision++;
        updatedAt = now();
    }

    String canceledBecause() {
        String reason = cancellation.reason() == null || cancellation.reason().isBlank()
                ? "no reason given" : cancellation.reason();
        return "canceled by " + (cancellation.requestedBy() == null ? "the customer" : cancellation.requestedBy())
                + ": " + reason;
    }

    OrderState state() {
        return new OrderState(request.orderId(), request.customerId(), status, history, request.lines(),
                request.amountMinor(), request.currency(), address, backorderedSkus, backorderDeadlineAt,
                chargedMinor, refundedMinor, paymentId, booking == null ? null : booking.shipmentId(),
                booking == null ? null : booking.trackingNumber(), booking == null ? null : booking.labelReference(),
                pickupDeadlineAt, tracking.events(), tracking.duplicates(), cancellation, failureReason, placedAt,
                updatedAt, revision, request.prepaidBy(), risk, nextAction);
    }
}

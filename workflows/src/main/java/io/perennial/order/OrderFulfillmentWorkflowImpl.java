package io.perennial.order;

import io.perennial.inventory.InventoryActivities;
import io.perennial.inventory.Shortage;
import io.perennial.inventory.StockHold;
import io.perennial.inventory.StockReservation;
import io.perennial.notification.CustomerNotification;
import io.perennial.notification.NotificationActivities;
import io.perennial.payment.ChargeReceipt;
import io.perennial.payment.PaymentActivities;
import io.perennial.payment.PaymentFailures;
import io.perennial.payment.RefundReceipt;
import io.perennial.payment.RefundRequest;
import io.perennial.restock.Backorder;
import io.perennial.shipping.CarrierEvent;
import io.perennial.shipping.ShipmentBooking;
import io.perennial.shipping.ShipmentCancellation;
import io.perennial.shipping.ShipmentRequest;
import io.perennial.shipping.ShippingActivities;
import io.perennial.shipping.ShippingFailures;
import io.perennial.temporal.PerennialSearchAttributes;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import org.slf4j.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The order saga: reserve stock → charge → book the shipment → follow the carrier to delivery. Each step registers
 * its compensation before it runs (release the stock, refund the charge, cancel the booking), so a decline, a
 * refused booking or a cancel undoes exactly what was done, in reverse order. Stock comes before money: a
 * backordered order that never gets its stock was never charged.
 *
 * <p>A subscription box ({@link OrderRequest#prepaidBy()}) was paid with its period: it skips the charge and its
 * refund, waits for stock until the period ends, and a box that ends without shipping refunds the period's payment
 * (key {@code box-{subscriptionId}-p{period}}) and tells the subscriber. Orders placed before boxes never take
 * these branches, so their histories replay unchanged without a version marker.
 */
public class OrderFulfillmentWorkflowImpl implements OrderFulfillmentWorkflow {

    private static final Logger log = Workflow.getLogger(OrderFulfillmentWorkflowImpl.class);

    /** A backordered order also tries again this often, in case stock came in without a restock signal. */
    static final Duration RESTOCK_RECHECK = Duration.ofHours(12);

    /** Since this change a record the read model refuses for good ends the order as FAILED, undone. */
    static final String RECORD_REFUSED_FAILS_ORDER = "record-refused-fails-order";

    /** Since this change a backordered order registers with the restock of each SKU it lacks. */
    static final String REGISTER_BACKORDERS = "register-backorders-with-restock";

    static final RetryOptions DATABASE_RETRIES = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofMinutes(1))
            .build();

    /** Gateway timeouts and 5xx are retried for as long as it takes (a charge in doubt must be settled). */
    static final RetryOptions GATEWAY_RETRIES = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofMinutes(5))
            .setDoNotRetry(PaymentFailures.PAYMENT_DECLINED)
            .build();

    /** A carrier that cannot book within about two minutes fails the order rather than keep the money waiting. */
    static final RetryOptions BOOKING_RETRIES = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(2))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofMinutes(1))
            .setMaximumAttempts(6)
            .setDoNotRetry(ShippingFailures.SHIPMENT_REFUSED)
            .build();

    /** Compensations must happen, so they retry until they do. */
    static final RetryOptions COMPENSATION_RETRIES = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofMinutes(5))
            .build();

    private final InventoryActivities inventory = Workflow.newActivityStub(InventoryActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setRetryOptions(DATABASE_RETRIES)
                    .build());

    /** Registering with a restock is a courtesy: the 12-hourly re-check still runs if Temporal cannot take it. */
    private final InventoryActivities backorders = Workflow.newActivityStub(InventoryActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setRetryOptions(DATABASE_RETRIES.toBuilder().setMaximumAttempts(5).build())
                    .build());

    private final OrderPaymentActivities payments = Workflow.newActivityStub(OrderPaymentActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(GATEWAY_RETRIES)
                    .build());

    private final ShippingActivities shipping = Workflow.newActivityStub(ShippingActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(BOOKING_RETRIES)
                    .build());

    private final ShippingActivities shippingCompensation = Workflow.newActivityStub(ShippingActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(COMPENSATION_RETRIES)
                    .build());

    /** A box that cannot ship gives the period's payment back; the refund must happen, so it retries until it does. */
    private final PaymentActivities boxRefunds = Workflow.newActivityStub(PaymentActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(COMPENSATION_RETRIES)
                    .build());

    private final NotificationActivities notifications = Workflow.newActivityStub(NotificationActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setRetryOptions(DATABASE_RETRIES)
                    .build());

    private final OrderRecordActivities records = Workflow.newActivityStub(OrderRecordActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setRetryOptions(DATABASE_RETRIES)
                    .build());

    private final OrderRequest request;
    private final StockHold hold;
    private final Instant placedAt;
    private final List<StatusChange> history = new ArrayList<>();
    private final ShipmentTracking tracking = new ShipmentTracking();
    /** Carrier events signalled and not yet applied by the main loop. */
    private final List<CarrierEvent> inbox = new ArrayList<>();
    private final List<String> compensationFailures = new ArrayList<>();

    private OrderStatus status;
    private ShippingAddress address;
    private List<String> backorderedSkus = List.of();
    private Instant backorderDeadlineAt;
    private int restockSignals;
    private long chargedMinor;
    private long refundedMinor;
    private String paymentId;
    /** Set when the booking call starts: from then on the address is what the carrier has. */
    private boolean bookingStarted;
    private ShipmentBooking booking;
    private Instant pickupDeadlineAt;
    private boolean pickupOverdue;
    private boolean stockShipped;
    private boolean cancelRequested;
    private CancellationOutcome cancellation;
    private String failureReason;
    private Instant updatedAt;

    private long revision = 1;
    private long recordedRevision;
    /** Why the read model refused this order's record for good; from then on it is not written again. */
    private String recordRefusal;
    private OrderStatus publishedStatus;

    @WorkflowInit
    public OrderFulfillmentWorkflowImpl(OrderRequest request) {
        this.request = request;
        this.hold = StockHold.forOrder(request.orderId(), request.lines());
        this.placedAt = now();
        this.address = request.shippingAddress();
        this.status = OrderStatus.RECEIVED;
        this.updatedAt = placedAt;
        this.history.add(new StatusChange(OrderStatus.RECEIVED, placedAt, "placed"));
    }

    @Override
    public OrderState fulfil(OrderRequest ignored) {
        // Compensations run in reverse order; one that fails for good (a refund the provider refuses) is noted and
        // does not stop the others.
        Saga saga = new Saga(new Saga.Options.Builder().setParallelCompensation(false).setContinueWithError(true)
                .build());
        try {
            publish();
            saga.addCompensation(undoing("stock release", () -> inventory.releaseStock(hold)));
            StockOutcome stock = holdStock();
            if (stock == StockOutcome.CANCELED) {
                return undo(saga, OrderStatus.CANCELED, canceledBecause());
            }
            if (stock == StockOutcome.BACKORDER_EXPIRED) {
                return undo(saga, OrderStatus.CANCELED_BACKORDER, "no stock of " + String.join(", ", backorderedSkus)
                        + (request.box() ? " arrived before the period ended"
                        : " arrived within " + request.backorderDeadline()));
            }
            move(OrderStatus.STOCK_RESERVED, "stock held");
            publish();
            if (cancelRequested) {
                return undo(saga, OrderStatus.CANCELED, canceledBecause());
            }

            if (request.box()) {
                // The subscription charged the period already; an undone box is refunded in undo().
                move(OrderStatus.PAID, "prepaid by subscription " + request.prepaidBy().subscriptionId()
                        + ", period " + request.prepaidBy().period());
            } else {
                saga.addCompensation(undoing("refund", this::refundCharge));
                ChargeReceipt receipt = step("charge", () -> payments.chargeOrder(new OrderCharge(request.orderId(),
                        request.customerId(), request.amountMinor(), request.currency(), request.paymentMethod(),
                        now())));
                chargedMinor = receipt.amountMinor();
                paymentId = receipt.paymentId();
                move(OrderStatus.PAID, "charged " + receipt.amountMinor() + " " + receipt.currency());
            }
            publish();
            if (cancelRequested) {
                return undo(saga, OrderStatus.CANCELED, canceledBecause());
            }

            String shipmentId = ShipmentRequest.shipmentIdFor(request.orderId());
            saga.addCompensation(undoing("shipment cancel", () -> shippingCompensation.cancelShipment(
                    new ShipmentCancellation(shipmentId, request.orderId(), "order undone"))));
            bookingStarted = true;
            booking = step("shipment booking", () -> shipping.bookShipment(new ShipmentRequest(shipmentId,
                    request.orderId(), address, request.lines(), now())));
            if (cancelRequested) {
                // Asked while the booking was on its way: still before the shipment was booked, so honoured.
                return undo(saga, OrderStatus.CANCELED, canceledBecause());
            }
            pickupDeadlineAt = now().plus(request.pickupDeadlineOrDefault());
            move(OrderStatus.SHIPMENT_BOOKED, "booked with " + booking.carrier() + ", tracking "
                    + booking.trackingNumber());
            followCarrier();
            return finish();
        } catch (StepFailed failed) {
            return undo(saga, OrderStatus.FAILED, failed.getMessage());
        } catch (CanceledFailure canceled) {
            // Ops canceled the workflow itself: undo what was done, outside the canceled scope.
            Workflow.newDetachedCancellationScope(() -> undo(saga, OrderStatus.CANCELED,
                    "workflow canceled by ops")).run();
            throw canceled;
        }
    }

    // ---- stock ----------------------------------------------------------------------------------------------

    private enum StockOutcome { HELD, CANCELED, BACKORDER_EXPIRED }

    /** Holds the order's stock, waiting as BACKORDERED for a restock (or a re-check) until the deadline. */
    private StockOutcome holdStock() {
        while (true) {
            if (cancelRequested) {
                return StockOutcome.CANCELED;
            }
            StockReservation reservation = step("stock reservation", () -> inventory.reserveStock(hold));
            if (reservation.status() == StockReservation.Status.HELD
                    || reservation.status() == StockReservation.Status.SHIPPED) {
                backorderedSkus = List.of();
                return StockOutcome.HELD;
            }
            if (reservation.status() == StockReservation.Status.RELEASED) {
                // This order's stock was held and given back before (a reset after its compensation ran).
                throw new StepFailed("stock reservation " + hold.reservationId() + " was already released");
            }
            backorderedSkus = reservation.shortages().stream().map(Shortage::sku).toList();
            if (status != OrderStatus.BACKORDERED) {
                // A box waits until its period ends, however late in the period it was paid.
                backorderDeadlineAt = request.box() ? request.prepaidBy().periodEnd()
                        : now().plus(request.backorderDeadline());
                move(OrderStatus.BACKORDERED, "out of stock: " + describe(reservation.shortages()));
            } else {
                changed();
            }
            registerBackorders(reservation.shortages());
            StockOutcome waited = awaitRestock();
            if (waited != null) {
                return waited;
            }
        }
    }

    /** Asks the restock of each missing SKU to wake this order (histories from before the change skip it). */
    private void registerBackorders(List<Shortage> shortages) {
        if (Workflow.getVersion(REGISTER_BACKORDERS, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return;
        }
        String workflowId = Workflow.getInfo().getWorkflowId();
        for (Shortage shortage : shortages) {
            try {
                backorders.registerBackorder(new Backorder(workflowId, shortage.sku(), shortage.requested()));
            } catch (ActivityFailure failure) {
                log.warn("Order {}: could not register the backorder of {} with its restock: {}", request.orderId(),
                        shortage.sku(), reasonOf(failure));
            }
        }
    }

    /** Null when it is time to try again; otherwise how the wait ended. */
    private StockOutcome awaitRestock() {
        Instant recheckAt = earliest(now().plus(RESTOCK_RECHECK), backorderDeadlineAt);
        while (true) {
            publish();
            long seenRevision = revision;
            int seenRestocks = restockSignals;
            Duration left = Duration.between(now(), recheckAt);
            if (left.isNegative() || left.isZero()) {
                return now().isBefore(backorderDeadlineAt) ? null : StockOutcome.BACKORDER_EXPIRED;
            }
            Workflow.await(left, () -> cancelRequested || restockSignals != seenRestocks || revision != seenRevision);
            if (cancelRequested) {
                return StockOutcome.CANCELED;
            }
            if (restockSignals != seenRestocks) {
                return null;
            }
            // Otherwise only the state changed (an address change): record it and wait on.
        }
    }

    // ---- money and shipping ---------------------------------------------------------------------------------

    /** A compensation that records a final failure instead of throwing, so the ones after it still run. */
    private Functions.Proc undoing(String what, Functions.Proc compensation) {
        return () -> {
            try {
                compensation.apply();
            } catch (ActivityFailure failure) {
                compensationFailures.add(what + " failed: " + reasonOf(failure));
            }
        };
    }

    private String canceledBecause() {
        String reason = cancellation.reason() == null || cancellation.reason().isBlank()
                ? "no reason given" : cancellation.reason();
        return "canceled by " + (cancellation.requestedBy() == null ? "the customer" : cancellation.requestedBy())
                + ": " + reason;
    }

    private void refundCharge() {
        RefundReceipt receipt = payments.refundOrder(new OrderRefund(request.orderId(),
                failureReason != null ? failureReason : "order undone", now()));
        refundedMinor += receipt.amountMinor();
    }

    /**
     * A box that will not ship gives back what its period cost, once (the refund key is the box's), and the
     * subscriber hears why: unfilled when the period ended without stock, otherwise canceled or failed.
     */
    private void refundBox(OrderStatus ending) {
        PrepaidBox box = request.prepaidBy();
        if (box.paidMinor() > 0) {
            undoing("box refund", () -> {
                RefundReceipt receipt = boxRefunds.refund(new RefundRequest(box.refundKey(), box.subscriptionId(),
                        box.period(), box.paidMinor(), request.currency(), "box not shipped: " + failureReason, now()));
                refundedMinor += receipt.amountMinor();
            }).apply();
        }
        String template = ending == OrderStatus.CANCELED_BACKORDER ? "box_unfilled" : "box_not_shipped";
        undoing("subscriber notification", () -> notifications.notifyCustomer(new CustomerNotification(
                box.refundKey() + ":" + template, request.customerId(), template, Map.of(
                        "period", String.valueOf(box.period()),
                        "amountMinor", String.valueOf(refundedMinor),
                        "currency", request.currency(),
                        "reason", failureReason), now()))).apply();
    }

    /** Runs one step; a business refusal or retries running out become a {@link StepFailed} naming the step. */
    private <T> T step(String name, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ActivityFailure failure) {
            throw new StepFailed(name + " failed: " + reasonOf(failure));
        }
    }

    // ---- the carrier ----------------------------------------------------------------------------------------

    /** Applies carrier events until DELIVERED; a parcel not picked up by the deadline raises SHIPMENT_EXCEPTION. */
    private void followCarrier() {
        while (status != OrderStatus.DELIVERED) {
            applyCarrierEvents();
            if (tracking.pickedUp() && !stockShipped) {
                inventory.shipStock(hold);
                stockShipped = true;
            }
            publish();
            if (status == OrderStatus.DELIVERED) {
                return;
            }
            long seenRevision = revision;
            if (!tracking.pickedUp() && !pickupOverdue) {
                Duration left = Duration.between(now(), pickupDeadlineAt);
                boolean woken = !left.isNegative() && !left.isZero()
                        && Workflow.await(left, () -> !inbox.isEmpty() || revision != seenRevision);
                if (!woken && !now().isBefore(pickupDeadlineAt)) {
                    pickupOverdue = true;
                    move(OrderStatus.SHIPMENT_EXCEPTION, "not picked up within " + request.pickupDeadlineOrDefault());
                }
            } else {
                Workflow.await(() -> !inbox.isEmpty() || revision != seenRevision);
            }
        }
    }

    private void applyCarrierEvents() {
        List<CarrierEvent> events = new ArrayList<>(inbox);
        inbox.clear();
        for (CarrierEvent event : events) {
            OrderStatus next = tracking.apply(event, now(), status);
            if (next != null && next != status) {
                move(next, "carrier: " + event.type() + (event.detail() == null ? "" : " (" + event.detail() + ")"));
            } else {
                changed();
            }
        }
    }

    // ---- endings --------------------------------------------------------------------------------------------

    private OrderState undo(Saga saga, OrderStatus ending, String reason) {
        failureReason = reason;
        log.info("Order {} ends {}: {}; undoing what was done", request.orderId(), ending, reason);
        saga.compensate();
        if (request.box()) {
            refundBox(ending);
        }
        if (!compensationFailures.isEmpty()) {
            // Compensations retry until they succeed, so only a refusal that needs a person gets here.
            failureReason = reason + "; undoing it failed, ops must finish: " + String.join("; ", compensationFailures);
            log.error("Order {}: compensation incomplete: {}", request.orderId(), compensationFailures);
        }
        move(ending, failureReason);
        return finish();
    }

    private OrderState finish() {
        publish();
        // Signals that came with the last task are recorded before the run ends.
        Workflow.await(Workflow::isEveryHandlerFinished);
        return state();
    }

    // ---- signals, updates, query ----------------------------------------------------------------------------

    @Override
    public void carrierEvent(CarrierEvent event) {
        inbox.add(event);
    }

    @Override
    public void cancel(OrderCancellation request) {
        Instant at = now();
        if (status.terminal()) {
            cancellation = new CancellationOutcome(request.reason(), request.requestedBy(), at, false,
                    "the order is already " + status);
        } else if (booking != null) {
            cancellation = new CancellationOutcome(request.reason(), request.requestedBy(), at, false,
                    "refused: the shipment is booked (tracking " + booking.trackingNumber() + ")");
        } else {
            cancelRequested = true;
            cancellation = new CancellationOutcome(request.reason(), request.requestedBy(), at, true,
                    "canceled; everything done so far is undone");
        }
        changed();
    }

    @Override
    public void restocked(Restocked restock) {
        if (status == OrderStatus.BACKORDERED && backorderedSkus.contains(restock.sku())) {
            restockSignals++;
        }
    }

    @Override
    public void validateAddressChange(ShippingAddress address) {
        if (address == null) {
            throw rejected("a new address is required");
        }
        if (status.terminal()) {
            throw rejected("the order is " + status + "; its address can no longer change");
        }
        if (bookingStarted) {
            throw rejected("the shipment is booked; its address can no longer change");
        }
        List<String> problems = address.problems();
        if (!problems.isEmpty()) {
            throw rejected("invalid address: " + String.join("; ", problems));
        }
    }

    @Override
    public OrderState changeAddress(ShippingAddress address) {
        // The validator ran before; nothing can book between it and here (both run in the same workflow task).
        this.address = address;
        changed();
        return state();
    }

    @Override
    public OrderState state() {
        return new OrderState(request.orderId(), request.customerId(), status, history, request.lines(),
                request.amountMinor(), request.currency(), address, backorderedSkus, backorderDeadlineAt,
                chargedMinor, refundedMinor, paymentId, booking == null ? null : booking.shipmentId(),
                booking == null ? null : booking.trackingNumber(), booking == null ? null : booking.labelReference(),
                pickupDeadlineAt, tracking.events(), tracking.duplicates(), cancellation, failureReason, placedAt,
                updatedAt, revision, request.prepaidBy());
    }

    // ---- state ----------------------------------------------------------------------------------------------

    private void move(OrderStatus to, String reason) {
        Instant at = now();
        log.info("Order {}: {} → {} ({})", request.orderId(), status, to, reason);
        status = to;
        history.add(new StatusChange(to, at, reason));
        changed();
    }

    private void changed() {
        revision++;
        updatedAt = now();
    }

    /** Writes the read model, and the search attribute when the status changed. */
    private void publish() {
        if (recordedRevision == revision) {
            return;
        }
        if (recordRefusal == null) {
            try {
                records.recordOrder(state());
            } catch (ActivityFailure failure) {
                recordRefused(failure);
            }
        }
        recordedRevision = revision;
        Workflow.setCurrentDetails(status + (booking == null ? "" : " · tracking " + booking.trackingNumber())
                + (failureReason == null ? "" : " · " + failureReason));
        if (status != publishedStatus) {
            Workflow.upsertTypedSearchAttributes(
                    PerennialSearchAttributes.CUSTOMER_ID.valueSet(request.customerId()),
                    PerennialSearchAttributes.ORDER_STATUS.valueSet(status.name()));
            publishedStatus = status;
        }
    }

    /**
     * The read model refused the record for what it holds (no retry can succeed): the order fails and is undone
     * rather than wait for ever. Histories from before the change end as they did, with the failure.
     */
    private void recordRefused(ActivityFailure failure) {
        boolean refused = failure.getCause() instanceof ApplicationFailure application
                && OrderFailures.RECORD_REFUSED.equals(application.getType());
        if (!refused || Workflow.getVersion(RECORD_REFUSED_FAILS_ORDER, Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION) {
            throw failure;
        }
        recordRefusal = reasonOf(failure);
        log.warn("Order {}: {}; the order is undone", request.orderId(), recordRefusal);
        if (failureReason == null) {
            // Not ending yet: fail the step (the saga undoes what was done). While ending, the ending goes on.
            throw new StepFailed("recording the order failed: " + recordRefusal);
        }
    }

    private static ApplicationFailure rejected(String message) {
        return ApplicationFailure.newNonRetryableFailure(message, OrderFailures.CHANGE_REJECTED);
    }

    private static String reasonOf(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure application) {
            return application.getOriginalMessage() + " [" + application.getType() + "]";
        }
        if (cause instanceof TimeoutFailure timeout) {
            return "timed out (" + timeout.getTimeoutType() + ")";
        }
        return cause == null ? failure.getMessage() : cause.getMessage();
    }

    private static String describe(List<Shortage> shortages) {
        return String.join(", ", shortages.stream()
                .map(s -> s.sku() + " (" + s.requested() + " asked, " + s.available() + " free)").toList());
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Business time has whole seconds. */
    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis()).truncatedTo(ChronoUnit.SECONDS);
    }

    /** A step that ends the order as FAILED; the message says which step and why. */
    private static final class StepFailed extends RuntimeException {
        StepFailed(String message) {
            super(message, null, false, false);
        }
    }
}

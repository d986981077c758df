package io.perennial.order;

import io.perennial.inventory.InventoryActivities;
import io.perennial.order.OrderSteps.StepFailed;
import io.perennial.payment.RefundReceipt;
import io.perennial.risk.RiskDecision;
import io.perennial.shipping.CarrierEvent;
import io.perennial.shipping.ShipmentCancellation;
import io.perennial.shipping.ShipmentRequest;
import io.perennial.shipping.ShippingActivities;
import io.perennial.shipping.ShippingFailures;
import io.perennial.subscription.CustomerActionAnswer;
import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import org.slf4j.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.perennial.order.OrderSteps.step;
import static io.perennial.temporal.BusinessTime.now;

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
 *
 * <p>The order's state is one {@link Order}; waiting for stock is {@link BackorderWait}, the charge (and its wait for
 * the customer to authenticate it) {@link OrderPayment}, following the carrier
 * {@link CarrierFollowing}, refunding an unshipped box {@link BoxRefund}, and the read model {@link PublishedOrder}.
 */
public class OrderFulfillmentWorkflowImpl implements OrderFulfillmentWorkflow {

    private static final Logger log = Workflow.getLogger(OrderFulfillmentWorkflowImpl.class);

    /** A backordered order also tries again this often (see {@link BackorderWait}). */
    static final Duration RESTOCK_RECHECK = BackorderWait.RESTOCK_RECHECK;

    /** A carrier that cannot book within about two minutes fails the order rather than keep the money waiting. */
    static final RetryOptions BOOKING_RETRIES = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(2))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofMinutes(1))
            .setMaximumAttempts(6)
            .setDoNotRetry(ShippingFailures.SHIPMENT_REFUSED)
            .build();

    private final InventoryActivities inventory = ActivityStubs.database(InventoryActivities.class);
    private final OrderPaymentActivities payments = ActivityStubs.remote(OrderPaymentActivities.class,
            RetryPolicies.GATEWAY);
    private final ShippingActivities shipping = ActivityStubs.remote(ShippingActivities.class, BOOKING_RETRIES);
    private final ShippingActivities shippingCompensation = ActivityStubs.remote(ShippingActivities.class,
            RetryPolicies.COMPENSATION);

    private final OrderRequest request;
    private final Order order;
    private final PublishedOrder published;
    private final BackorderWait backorderWait;
    private final CarrierFollowing carrier;
    private final BoxRefund boxRefund;
    private final OrderRiskReview riskReview;
    private final OrderPayment payment;

    @WorkflowInit
    public OrderFulfillmentWorkflowImpl(OrderRequest request) {
        this.request = request;
        this.order = new Order(request, now());
        this.published = new PublishedOrder(order);
        this.backorderWait = new BackorderWait(order, published);
        this.carrier = new CarrierFollowing(order, published);
        this.boxRefund = new BoxRefund(order);
        this.riskReview = new OrderRiskReview(order, published);
        this.payment = new OrderPayment(order, published);
    }

    @Override
    public OrderState fulfil(OrderRequest ignored) {
        // Compensations run in reverse order; one that fails for good (a refund the provider refuses) is noted and
        // does not stop the others.
        Saga saga = new Saga(new Saga.Options.Builder().setParallelCompensation(false).setContinueWithError(true)
                .build());
        try {
            published.publish();
            saga.addCompensation(undoing("stock release", () -> inventory.releaseStock(order.hold)));
            BackorderWait.Outcome stock = backorderWait.holdStock();
            if (stock == BackorderWait.Outcome.CANCELED) {
                return undo(saga, OrderStatus.CANCELED, order.canceledBecause());
            }
            if (stock == BackorderWait.Outcome.BACKORDER_EXPIRED) {
                return undo(saga, OrderStatus.CANCELED_BACKORDER, "no stock of "
                        + String.join(", ", order.backorderedSkus) + (request.box() ? " arrived before the period ended"
                        : " arrived within " + request.backorderDeadline()));
            }
            order.move(OrderStatus.STOCK_RESERVED, "stock held");
            published.publish();
            if (order.cancelRequested) {
                return undo(saga, OrderStatus.CANCELED, order.canceledBecause());
            }

            if (OrderRiskReview.applies(request)) {
                // A prepaid box skips it: its period was paid (and checked as a subscription) already.
                OrderRiskReview.Outcome risk = riskReview.review();
                if (risk == OrderRiskReview.Outcome.CANCELED) {
                    return undo(saga, OrderStatus.CANCELED, order.canceledBecause());
                }
                if (risk == OrderRiskReview.Outcome.REFUSED) {
                    return undo(saga, OrderStatus.CANCELED, riskReview.refusedBecause());
                }
            }

            if (request.box()) {
                // The subscription charged the period already; an undone box is refunded in undo().
                order.move(OrderStatus.PAID, "prepaid by subscription " + request.prepaidBy().subscriptionId()
                        + ", period " + request.prepaidBy().period());
            } else {
                saga.addCompensation(undoing("refund", this::refundCharge));
                if (payment.charge() == OrderPayment.Outcome.CANCELED) {
                    return undo(saga, OrderStatus.CANCELED, order.canceledBecause());
                }
            }
            published.publish();
            if (order.cancelRequested) {
                return undo(saga, OrderStatus.CANCELED, order.canceledBecause());
            }

            String shipmentId = ShipmentRequest.shipmentIdFor(request.orderId());
            saga.addCompensation(undoing("shipment cancel", () -> shippingCompensation.cancelShipment(
                    new ShipmentCancellation(shipmentId, request.orderId(), "order undone"))));
            order.bookingStarted = true;
            order.booking = step("shipment booking", () -> shipping.bookShipment(new ShipmentRequest(shipmentId,
                    request.orderId(), order.address, request.lines(), now())));
            if (order.cancelRequested) {
                // Asked while the booking was on its way: still before the shipment was booked, so honoured.
                return undo(saga, OrderStatus.CANCELED, order.canceledBecause());
            }
            order.pickupDeadlineAt = now().plus(request.pickupDeadlineOrDefault());
            order.move(OrderStatus.SHIPMENT_BOOKED, "booked with " + order.booking.carrier() + ", tracking "
                    + order.booking.trackingNumber());
            carrier.untilDelivered();
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


    /** A compensation that records a final failure instead of throwing, so the ones after it still run. */
    private Functions.Proc undoing(String what, Functions.Proc compensation) {
        return OrderSteps.undoing(what, compensation, order.compensationFailures);
    }

    private void refundCharge() {
        RefundReceipt receipt = payments.refundOrder(new OrderRefund(request.orderId(),
                order.failureReason != null ? order.failureReason : "order undone", now()));
        order.refundedMinor += receipt.amountMinor();
    }

    private OrderState undo(Saga saga, OrderStatus ending, String reason) {
        order.failureReason = reason;
        log.info("Order {} ends {}: {}; undoing what was done", request.orderId(), ending, reason);
        saga.compensate();
        if (request.box()) {
            boxRefund.refund(ending);
        }
        List<String> compensationFailures = order.compensationFailures;
        if (!compensationFailures.isEmpty()) {
            // Compensations retry until they succeed, so only a refusal that needs a person gets here.
            order.failureReason = reason + "; undoing it failed, ops must finish: "
                    + String.join("; ", compensationFailures);
            log.error("Order {}: compensation incomplete: {}", request.orderId(), compensationFailures);
        }
        order.move(ending, order.failureReason);
        return finish();
    }

    private OrderState finish() {
        published.publish();
        // Signals that came with the last task are recorded before the run ends.
        Workflow.await(Workflow::isEveryHandlerFinished);
        return state();
    }

    // ---- signals, updates, query ----------------------------------------------------------------------------

    @Override
    public void carrierEvent(CarrierEvent event) {
        order.inbox.add(event);
    }

    @Override
    public void cancel(OrderCancellation request) {
        Instant at = now();
        if (order.status.terminal()) {
            order.cancellation = new CancellationOutcome(request.reason(), request.requestedBy(), at, false,
                    "the order is already " + order.status);
        } else if (order.booking != null) {
            order.cancellation = new CancellationOutcome(request.reason(), request.requestedBy(), at, false,
                    "refused: the shipment is booked (tracking " + order.booking.trackingNumber() + ")");
        } else {
            order.cancelRequested = true;
            order.cancellation = new CancellationOutcome(request.reason(), request.requestedBy(), at, true,
                    "canceled; everything done so far is undone");
        }
        order.changed();
    }

    @Override
    public void customerActionAnswered(CustomerActionAnswer answer) {
        payment.answered(answer.idempotencyKey());
    }

    @Override
    public void restocked(Restocked restock) {
        if (order.status == OrderStatus.BACKORDERED && order.backorderedSkus.contains(restock.sku())) {
            order.restockSignals++;
        }
    }

    @Override
    public void validateAddressChange(ShippingAddress address) {
        if (address == null) {
            throw rejected("a new address is required");
        }
        if (order.status.terminal()) {
            throw rejected("the order is " + order.status + "; its address can no longer change");
        }
        if (order.bookingStarted) {
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
        order.address = address;
        order.changed();
        return state();
    }

    @Override
    public void validateRiskDecision(RiskDecision decision) {
        String refusal = riskReview.refusal(decision);
        if (refusal != null) {
            throw rejected(refusal);
        }
    }

    @Override
    public OrderState decideRisk(RiskDecision decision) {
        // Same rules again: validator and handler run in one task today, but the handler must not trust that.
        validateRiskDecision(decision);
        riskReview.decide(decision);
        return state();
    }

    @Override
    public OrderState state() {
        return order.state();
    }

    private static ApplicationFailure rejected(String message) {
        return ApplicationFailure.newNonRetryableFailure(message, OrderFailures.CHANGE_REJECTED);
    }
}

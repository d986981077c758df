package io.perennial.order;

import io.perennial.inventory.StockLine;
import io.perennial.risk.RiskReview;
import io.perennial.shipping.ReceivedCarrierEvent;
import io.perennial.subscription.NextAction;

import java.time.Instant;
import java.util.List;

/**
 * Where an order stands, as the query, the read model and the workflow's result show it.
 *
 * @param history               every status the order went through, with times and reasons, oldest first
 * @param backorderedSkus       while BACKORDERED: the SKUs it waits for
 * @param chargedMinor          what the customer paid (0 until the charge succeeds)
 * @param refundedMinor         what was given back
 * @param carrierEvents         every distinct carrier event, in the order received (duplicates are counted, not kept)
 * @param cancellation          the last cancel request and what became of it, or null
 * @param revision              grows with every change; the read model keeps the newest
 * @param prepaidBy             for a subscription box, its subscription and period; null for other orders
 * @param risk                  the risk check's score, fired rules and decision; null until checked, and for boxes
 * @param nextAction            while the charge waits for the customer to authenticate it: what to do, by when
 */
public record OrderState(String orderId, String customerId, OrderStatus status, List<StatusChange> history,
                         List<StockLine> lines, long amountMinor, String currency, ShippingAddress shippingAddress,
                         List<String> backorderedSkus, Instant backorderDeadlineAt, long chargedMinor,
                         long refundedMinor, String paymentId, String shipmentId, String trackingNumber,
                         String labelReference, Instant pickupDeadlineAt, List<ReceivedCarrierEvent> carrierEvents,
                         int duplicateCarrierEvents, CancellationOutcome cancellation, String failureReason,
                         Instant placedAt, Instant updatedAt, long revision, PrepaidBox prepaidBy,
                         RiskReview risk, NextAction nextAction) {

    public OrderState {
        history = List.copyOf(history);
        lines = List.copyOf(lines);
        backorderedSkus = List.copyOf(backorderedSkus);
        carrierEvents = List.copyOf(carrierEvents);
    }

    /** An order waiting for nobody. */
    public OrderState(String orderId, String customerId, OrderStatus status, List<StatusChange> history,
                      List<StockLine> lines, long amountMinor, String currency, ShippingAddress shippingAddress,
                      List<String> backorderedSkus, Instant backorderDeadlineAt, long chargedMinor,
                      long refundedMinor, String paymentId, String shipmentId, String trackingNumber,
                      String labelReference, Instant pickupDeadlineAt, List<ReceivedCarrierEvent> carrierEvents,
                      int duplicateCarrierEvents, CancellationOutcome cancellation, String failureReason,
                      Instant placedAt, Instant updatedAt, long revision, PrepaidBox prepaidBy, RiskReview risk) {
        this(orderId, customerId, status, history, lines, amountMinor, currency, shippingAddress, backorderedSkus,
                backorderDeadlineAt, chargedMinor, refundedMinor, paymentId, shipmentId, trackingNumber,
                labelReference, pickupDeadlineAt, carrierEvents, duplicateCarrierEvents, cancellation,
                failureReason, placedAt, updatedAt, revision, prepaidBy, risk, null);
    }

    /** An order not risk-checked (yet). */
    public OrderState(String orderId, String customerId, OrderStatus status, List<StatusChange> history,
                      List<StockLine> lines, long amountMinor, String currency, ShippingAddress shippingAddress,
                      List<String> backorderedSkus, Instant backorderDeadlineAt, long chargedMinor,
                      long refundedMinor, String paymentId, String shipmentId, String trackingNumber,
                      String labelReference, Instant pickupDeadlineAt, List<ReceivedCarrierEvent> carrierEvents,
                      int duplicateCarrierEvents, CancellationOutcome cancellation, String failureReason,
                      Instant placedAt, Instant updatedAt, long revision, PrepaidBox prepaidBy) {
        this(orderId, customerId, status, history, lines, amountMinor, currency, shippingAddress, backorderedSkus,
                backorderDeadlineAt, chargedMinor, refundedMinor, paymentId, shipmentId, trackingNumber,
                labelReference, pickupDeadlineAt, carrierEvents, duplicateCarrierEvents, cancellation,
                failureReason, placedAt, updatedAt, revision, prepaidBy, null, null);
    }
}

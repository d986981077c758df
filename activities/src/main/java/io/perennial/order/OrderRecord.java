package io.perennial.order;

import io.micronaut.core.annotation.Nullable;
import io.perennial.inventory.StockLine;
import io.perennial.risk.RiskReview;
import io.perennial.subscription.NextAction;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One row of the {@code orders} read model, as the workflow last recorded it.
 *
 * @param subscriptionId for a subscription box, its subscription (and {@code period} the paid period it ships)
 * @param risk           the risk check's score, fired rules and decision; null for boxes and unchecked orders
 * @param nextAction     while the charge waits for the customer to authenticate it: what to do, by when
 */
public record OrderRecord(String orderId, UUID customerId, OrderStatus status, List<StockLine> lines,
                          long amountMinor, String currency, long chargedMinor, long refundedMinor,
                          ShippingAddress shippingAddress, List<String> backorderedSkus,
                          @Nullable Instant backorderDeadlineAt, @Nullable String shipmentId,
                          @Nullable String trackingNumber, @Nullable String labelReference,
                          @Nullable Instant pickupDeadlineAt, @Nullable String failureReason,
                          @Nullable CancellationOutcome cancellation, List<StatusChange> history, long revision,
                          Instant placedAt, Instant updatedAt, @Nullable UUID subscriptionId,
                          @Nullable Integer period, @Nullable RiskReview risk,
                          @Nullable NextAction nextAction) {

    public boolean box() {
        return subscriptionId != null;
    }
}

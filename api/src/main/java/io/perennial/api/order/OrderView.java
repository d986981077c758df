package io.perennial.api.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.order.CancellationOutcome;
import io.perennial.order.OrderRecord;
import io.perennial.order.OrderState;
import io.perennial.order.OrderStatus;
import io.perennial.order.StatusChange;

import java.time.Instant;
import java.util.List;

/**
 * An order as its customer and ops see it: where it stands, every status it went through with time and reason,
 * amounts in minor units, the tracking number once booked, and what became of a cancel request.
 *
 * @param chargedMinor  what the customer paid (0 until the charge succeeded)
 * @param refundedMinor what was given back
 * @param history       every status change, oldest first
 * @param subscriptionId for a subscription box: the subscription whose paid {@code period} it ships (prepaid, so
 *                       {@code chargedMinor} stays 0; a box that cannot ship refunds the period's payment); absent
 *                       for an order placed through {@code POST /v1/orders}
 */
@Serdeable
public record OrderView(String id, String customerId, OrderStatus status, List<Line> lines, long amountMinor,
                        String currency, long chargedMinor, long refundedMinor,
                        OrderRequests.Address shippingAddress, List<String> backorderedSkus,
                        @Nullable Instant backorderDeadlineAt, @Nullable String trackingNumber,
                        @Nullable Instant pickupDeadlineAt, @Nullable String failureReason,
                        @Nullable Cancellation cancellation, List<Change> history, Instant placedAt,
                        Instant updatedAt, @Nullable String subscriptionId, @Nullable Integer period) {

    @Serdeable
    public record Line(String sku, int quantity) {
    }

    @Serdeable
    public record Change(OrderStatus status, Instant at, String reason) {
        static List<Change> of(List<StatusChange> history) {
            return history.stream().map(change -> new Change(change.status(), change.at(), change.reason())).toList();
        }
    }

    /** @param honoured false when it came too late (the shipment was booked); {@code answer} says why */
    @Serdeable
    public record Cancellation(@Nullable String reason, Instant requestedAt, boolean honoured, String answer) {
        static Cancellation of(CancellationOutcome outcome) {
            return outcome == null ? null : new Cancellation(outcome.reason(), outcome.requestedAt(),
                    outcome.honoured(), outcome.answer());
        }
    }

    static OrderView of(OrderRecord row) {
        return new OrderView(row.orderId(), row.customerId().toString(), row.status(),
                row.lines().stream().map(line -> new Line(line.sku(), line.quantity())).toList(), row.amountMinor(),
                row.currency(), row.chargedMinor(), row.refundedMinor(),
                OrderRequests.Address.of(row.shippingAddress()), row.backorderedSkus(), row.backorderDeadlineAt(),
                row.trackingNumber(), row.pickupDeadlineAt(), row.failureReason(),
                Cancellation.of(row.cancellation()), Change.of(row.history()), row.placedAt(), row.updatedAt(),
                row.box() ? row.subscriptionId().toString() : null, row.period());
    }

    static OrderView of(OrderState state) {
        return new OrderView(state.orderId(), state.customerId(), state.status(),
                state.lines().stream().map(line -> new Line(line.sku(), line.quantity())).toList(),
                state.amountMinor(), state.currency(), state.chargedMinor(), state.refundedMinor(),
                OrderRequests.Address.of(state.shippingAddress()), state.backorderedSkus(),
                state.backorderDeadlineAt(), state.trackingNumber(), state.pickupDeadlineAt(), state.failureReason(),
                Cancellation.of(state.cancellation()), Change.of(state.history()), state.placedAt(),
                state.updatedAt(), state.prepaidBy() == null ? null : state.prepaidBy().subscriptionId(),
                state.prepaidBy() == null ? null : state.prepaidBy().period());
    }

    /** One page, newest first; {@code next} is the {@code after} value of the following page, absent on the last. */
    @Serdeable
    public record Page(List<OrderView> items, @Nullable String next) {
    }
}

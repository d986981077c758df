package io.perennial.api.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.subscription.SubscriptionView.NextActionView;
import io.perennial.order.CancellationOutcome;
import io.perennial.order.OrderRecord;
import io.perennial.order.OrderState;
import io.perennial.order.OrderStatus;
import io.perennial.order.StatusChange;
import io.perennial.risk.RiskReview;
import io.perennial.risk.RiskReviewStatus;
import io.perennial.subscription.NextAction;

import java.time.Instant;
import java.util.List;

/**
 * An order as its customer and ops see it: where it stands, every status it went through with time and reason,
 * amounts in minor units, the tracking number once booked, and what became of a cancel request.
 *
 * @param chargedMinor  what the customer paid (0 until the charge succeeded)
 * @param refundedMinor what was given back: every refund the provider confirmed, those made at the provider (e.g. in
 *                      Stripe's Dashboard) included
 * @param history       every status change, oldest first
 * @param subscriptionId for a subscription box: the subscription whose paid {@code period} it ships (prepaid, so
 *                       {@code chargedMinor} stays 0; a box that cannot ship refunds the period's payment); absent
 *                       for an order placed through {@code POST /v1/orders}
 * @param risk           staff only: the risk check's score, the rules that fired and the review's decision; absent
 *                       for customers, for boxes and until the order is checked (just before its charge)
 * @param nextAction     what the customer must do before the order can go on: while its charge waits for them to
 *                       authenticate it, {@code authenticate_payment} with where to answer and by when (the order
 *                       fails like a decline after {@code expiresAt}); absent otherwise
 */
@Serdeable
public record OrderView(String id, String customerId, OrderStatus status, List<Line> lines, long amountMinor,
                        String currency, long chargedMinor, long refundedMinor,
                        OrderRequests.Address shippingAddress, List<String> backorderedSkus,
                        @Nullable Instant backorderDeadlineAt, @Nullable String trackingNumber,
                        @Nullable Instant pickupDeadlineAt, @Nullable String failureReason,
                        @Nullable Cancellation cancellation, List<Change> history, Instant placedAt,
                        Instant updatedAt, @Nullable String subscriptionId, @Nullable Integer period,
                        @Nullable Risk risk, @Nullable NextActionView nextAction) {

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

    /**
     * @param status           PASSED, IN_REVIEW (waiting for ops until {@code reviewDeadlineAt}), APPROVED or
     *                         REFUSED
     * @param decidedBy        "rules" (refused at once), "deadline" (nobody decided in time) or the staff user's id
     */
    @Serdeable
    public record Risk(int score, List<Rule> rules, RiskReviewStatus status, Instant checkedAt,
                       @Nullable Instant reviewDeadlineAt, @Nullable String decidedBy,
                       @Nullable String decisionReason, @Nullable Instant decidedAt) {
        static Risk of(RiskReview review) {
            return review == null ? null : new Risk(review.score(), review.rules().stream()
                    .map(rule -> new Rule(rule.code(), rule.points(), rule.reason())).toList(), review.status(),
                    review.checkedAt(), review.reviewDeadlineAt(), review.decidedBy(), review.decisionReason(),
                    review.decidedAt());
        }
    }

    /** A rule that fired: its stable code, the points it added and why. */
    @Serdeable
    public record Rule(String code, int points, String reason) {
    }

    /** The order as a customer sees it: how their order was scored stays with staff. */
    OrderView forCustomer() {
        return risk == null ? this : new OrderView(id, customerId, status, lines, amountMinor, currency,
                chargedMinor, refundedMinor, shippingAddress, backorderedSkus, backorderDeadlineAt, trackingNumber,
                pickupDeadlineAt, failureReason, cancellation, history, placedAt, updatedAt, subscriptionId, period,
                null, nextAction);
    }

    /** The action as the API shows it: where the customer answers instead of the charge's key. */
    static NextActionView nextAction(String orderId, @Nullable NextAction action) {
        return action == null ? null : new NextActionView(action.type(),
                "/v1/orders/" + orderId + "/payment-authentication", action.expiresAt());
    }

    static OrderView of(OrderRecord row) {
        return new OrderView(row.orderId(), row.customerId().toString(), row.status(),
                row.lines().stream().map(line -> new Line(line.sku(), line.quantity())).toList(), row.amountMinor(),
                row.currency(), row.chargedMinor(), row.refundedMinor(),
                OrderRequests.Address.of(row.shippingAddress()), row.backorderedSkus(), row.backorderDeadlineAt(),
                row.trackingNumber(), row.pickupDeadlineAt(), row.failureReason(),
                Cancellation.of(row.cancellation()), Change.of(row.history()), row.placedAt(), row.updatedAt(),
                row.box() ? row.subscriptionId().toString() : null, row.period(), Risk.of(row.risk()),
                nextAction(row.orderId(), row.nextAction()));
    }

    static OrderView of(OrderState state) {
        return new OrderView(state.orderId(), state.customerId(), state.status(),
                state.lines().stream().map(line -> new Line(line.sku(), line.quantity())).toList(),
                state.amountMinor(), state.currency(), state.chargedMinor(), state.refundedMinor(),
                OrderRequests.Address.of(state.shippingAddress()), state.backorderedSkus(),
                state.backorderDeadlineAt(), state.trackingNumber(), state.pickupDeadlineAt(), state.failureReason(),
                Cancellation.of(state.cancellation()), Change.of(state.history()), state.placedAt(),
                state.updatedAt(), state.prepaidBy() == null ? null : state.prepaidBy().subscriptionId(),
                state.prepaidBy() == null ? null : state.prepaidBy().period(), Risk.of(state.risk()),
                nextAction(state.orderId(), state.nextAction()));
    }

    /** One page, newest first; {@code next} is the {@code after} value of the following page, absent on the last. */
    @Serdeable
    public record Page(List<OrderView> items, @Nullable String next) {
    }
}

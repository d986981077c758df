package io.perennial.api.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.order.OrderRecord;
import io.perennial.risk.RiskReview;
import io.perennial.risk.RiskReviewStatus;
import io.perennial.risk.RiskSignals;

import java.time.Instant;
import java.util.List;

/**
 * A charge waiting in risk review, as the ops list shows it: an {@code ORDER}, or a {@code SUBSCRIPTION}'s first
 * charge; what it is for how much, the score, the rules that fired and when it is refused if nobody decides.
 *
 * @param placedAt when the order was placed, or the subscription's first charge checked
 */
@Serdeable
public record RiskReviewView(Kind kind, @Nullable String orderId, @Nullable String subscriptionId,
                             @Nullable String planId, String customerId, long amountMinor, String currency,
                             Instant placedAt, int score, List<OrderView.Rule> rules, @Nullable RiskReviewStatus status,
                             @Nullable Instant reviewDeadlineAt, @Nullable String decidedBy,
                             @Nullable String decisionReason) {

    public enum Kind { ORDER, SUBSCRIPTION }

    static RiskReviewView of(OrderRecord row) {
        OrderView.Risk risk = OrderView.Risk.of(row.risk());
        return new RiskReviewView(Kind.ORDER, row.orderId(), null, null, row.customerId().toString(),
                row.amountMinor(), row.currency(), row.placedAt(), risk == null ? 0 : risk.score(),
                risk == null ? List.of() : risk.rules(), risk == null ? null : risk.status(),
                risk == null ? null : risk.reviewDeadlineAt(), risk == null ? null : risk.decidedBy(),
                risk == null ? null : risk.decisionReason());
    }

    static RiskReviewView of(RiskSignals.SubscriptionReview row, RiskReview review) {
        OrderView.Risk risk = OrderView.Risk.of(review);
        return new RiskReviewView(Kind.SUBSCRIPTION, null, row.subscriptionId().toString(), row.planId(),
                row.customerId().toString(), row.amountMinor(), row.currency(), row.checkedAt(), risk.score(),
                risk.rules(), risk.status(), risk.reviewDeadlineAt(), risk.decidedBy(), risk.decisionReason());
    }

    /**
     * One page, newest first; {@code next} is the {@code after} value of the following page of orders, absent on the
     * last. The first page also lists the subscriptions waiting (at most {@code limit}), before the orders.
     */
    @Serdeable
    public record Page(List<RiskReviewView> items, @Nullable String next) {
    }
}

package io.perennial.api.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.order.OrderRecord;

import java.time.Instant;
import java.util.List;

/**
 * An order waiting in risk review, as the ops list shows it: what was ordered for how much, the score, the rules
 * that fired and when it is refused if nobody decides.
 */
@Serdeable
public record RiskReviewView(String orderId, String customerId, long amountMinor, String currency, Instant placedAt,
                             int score, List<OrderView.Rule> rules, @Nullable Instant reviewDeadlineAt) {

    static RiskReviewView of(OrderRecord row) {
        OrderView.Risk risk = OrderView.Risk.of(row.risk());
        return new RiskReviewView(row.orderId(), row.customerId().toString(), row.amountMinor(), row.currency(),
                row.placedAt(), risk == null ? 0 : risk.score(), risk == null ? List.of() : risk.rules(),
                risk == null ? null : risk.reviewDeadlineAt());
    }

    /** One page, newest first; {@code next} is the {@code after} value of the following page, absent on the last. */
    @Serdeable
    public record Page(List<RiskReviewView> items, @Nullable String next) {
    }
}

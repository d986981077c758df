package io.perennial.order;

import io.perennial.risk.RiskActivities;
import io.perennial.risk.RiskAssessment;
import io.perennial.risk.RiskCheck;
import io.perennial.risk.RiskDecision;
import io.perennial.risk.RiskReview;
import io.perennial.risk.RiskReviewStatus;
import io.perennial.temporal.ActivityStubs;
import io.temporal.workflow.Workflow;

import java.time.Duration;

import static io.perennial.order.OrderSteps.step;
import static io.perennial.temporal.BusinessTime.now;

/**
 * Scores the order before it is charged and, when the score asks for it, waits in IN_REVIEW for an ops decision
 * until the review deadline. Owns the decision's rules too: the Update's validator and handler ask the same
 * {@link #refusal(RiskDecision)}.
 */
final class OrderRiskReview {

    /** Since this change a one-off order is risk-checked before its charge (boxes were paid with their period). */
    static final String RISK_REVIEW = "order-risk-review";

    enum Outcome { CHARGE, REFUSED, CANCELED }

    private final RiskActivities risk = ActivityStubs.database(RiskActivities.class);
    private final Order order;
    private final PublishedOrder published;

    OrderRiskReview(Order order, PublishedOrder published) {
        this.order = order;
        this.published = published;
    }

    /** Asked only for orders the customer pays for, so box histories carry no marker. */
    static boolean applies(OrderRequest request) {
        return !request.box() && Workflow.getVersion(RISK_REVIEW, Workflow.DEFAULT_VERSION, 1) == 1;
    }

    Outcome review() {
        OrderRequest request = order.request;
        RiskAssessment assessment = step("risk check", () -> risk.assessOrder(new RiskCheck(request.orderId(),
                request.customerId(), request.amountMinor(), request.currency(), request.paymentMethod(),
                order.address, request.clientIp(), now())));
        order.risk = RiskReview.of(assessment, now());
        switch (assessment.verdict()) {
            case PASS -> {
                order.changed();
                return Outcome.CHARGE;
            }
            case REFUSE -> {
                return Outcome.REFUSED;
            }
            default -> {
                order.move(OrderStatus.IN_REVIEW, "held for risk review");
                return awaitDecision();
            }
        }
    }

    /**
     * The order's failure reason and history line, which its customer reads too: the score, the rules and the ops
     * reason stay in {@link Order#risk}, which only staff see.
     */
    String refusedBecause() {
        return "deadline".equals(order.risk.decidedBy()) ? "refused by risk review: no decision within the review "
                + "deadline" : "refused by risk review";
    }

    private Outcome awaitDecision() {
        while (true) {
            published.publish();
            long seenRevision = order.revision;
            Duration left = Duration.between(now(), order.risk.reviewDeadlineAt());
            if (left.isNegative() || left.isZero()) {
                // Decided at the deadline itself, however late the timer's task ran.
                order.risk = order.risk.decided(RiskReviewStatus.REFUSED, "deadline",
                        "no decision before " + order.risk.reviewDeadlineAt(), order.risk.reviewDeadlineAt());
                return Outcome.REFUSED;
            }
            Workflow.await(left, () -> order.cancelRequested || order.risk.status().decided()
                    || order.revision != seenRevision);
            if (order.cancelRequested) {
                return Outcome.CANCELED;
            }
            if (order.risk.status() == RiskReviewStatus.APPROVED) {
                order.move(OrderStatus.STOCK_RESERVED, "risk review approved");
                return Outcome.CHARGE;
            }
            if (order.risk.status() == RiskReviewStatus.REFUSED) {
                return Outcome.REFUSED;
            }
            // Otherwise only the state changed (an address change): record it and wait on.
        }
    }

    /** Null when the decision can be taken now; otherwise why not. */
    String refusal(RiskDecision decision) {
        if (decision == null || decision.reason() == null || decision.reason().isBlank()) {
            return "a decision needs a reason";
        }
        if (order.risk != null && order.risk.status().decided()) {
            return "the risk review is already decided: " + order.risk.status() + " by " + order.risk.decidedBy();
        }
        if (order.status != OrderStatus.IN_REVIEW || order.risk == null || order.cancelRequested) {
            return "the order is " + order.status + ", not in risk review";
        }
        return null;
    }

    void decide(RiskDecision decision) {
        order.risk = order.risk.decided(decision.approve() ? RiskReviewStatus.APPROVED : RiskReviewStatus.REFUSED,
                decision.decidedBy(), decision.reason().strip(), now());
        order.changed();
    }
}

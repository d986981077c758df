package io.perennial.api.order;

import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.audit.AuditLog;
import io.perennial.order.OrderFulfillmentWorkflow;
import io.perennial.order.OrderReadModel;
import io.perennial.order.OrderRecord;
import io.perennial.order.OrderState;
import io.perennial.order.OrderStatus;
import io.perennial.risk.RiskDecision;
import io.perennial.risk.RiskReview;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * Orders waiting in risk review, and the ops decision on one: checked against the read model for a clear 404/409,
 * then sent to the order's workflow as its {@code decideRisk} Update (whose validator has the last word), and
 * audited as {@code order.risk-approved} / {@code order.risk-refused}.
 */
@Singleton
public class RiskReviews {

    private final WorkflowClient temporal;
    private final OrderReadModel orders;
    private final AuditLog audit;

    public RiskReviews(WorkflowClient temporal, OrderReadModel orders, AuditLog audit) {
        this.temporal = temporal;
        this.orders = orders;
        this.audit = audit;
    }

    /** Orders IN_REVIEW, newest first, {@code limit} a page; {@code next} is the following page's {@code after}. */
    public RiskReviewView.Page waiting(int limit, String after) {
        OrderRecord cursor = after == null ? null : orders.find(after)
                .orElseThrow(() -> ApiProblems.notFound("Order", after));
        List<OrderRecord> rows = orders.page(null, OrderStatus.IN_REVIEW, cursor, limit + 1);
        List<RiskReviewView> items = rows.stream().limit(limit).map(RiskReviewView::of).toList();
        return new RiskReviewView.Page(items, rows.size() > limit ? items.get(items.size() - 1).orderId() : null);
    }

    public OrderView decide(CurrentUser caller, String orderId, boolean approve, String reason) {
        OrderRecord row = orders.find(orderId).orElseThrow(() -> ApiProblems.notFound("Order", orderId));
        Optional<String> refusal = whyNot(row);
        if (refusal.isPresent()) {
            throw conflict(row.risk(), refusal.get());
        }
        String by = caller.userId().toString();
        OrderState decided;
        try {
            decided = stub(orderId).decideRisk(new RiskDecision(approve, reason.strip(), by));
        } catch (WorkflowUpdateException rejected) {
            // The read model was a moment behind: the workflow's validator refused. Say why from the order as it is.
            OrderRecord now = orders.find(orderId).orElse(row);
            throw conflict(now.risk(), whyNot(now).orElse("Order " + orderId + " is no longer in risk review."));
        } catch (WorkflowNotFoundException finished) {
            throw conflict(row.risk(), "Order " + orderId + " is finished; it is no longer in risk review.");
        }
        audit.record(by, approve ? "order.risk-approved" : "order.risk-refused", "order:" + orderId, reason.strip(),
                "score " + decided.risk().score() + " (" + decided.risk().firedCodes() + "); " + (approve
                        ? "the order is charged and shipped" : "the order is canceled and its stock released"));
        return OrderView.of(decided);
    }

    private static Optional<String> whyNot(OrderRecord row) {
        RiskReview risk = row.risk();
        if (risk != null && risk.status().decided()) {
            return Optional.of("Order " + row.orderId() + "'s risk review is already decided: " + risk.status()
                    + " by " + risk.decidedBy() + (risk.decisionReason() == null ? "" : " (" + risk.decisionReason()
                    + ")") + ".");
        }
        if (row.status() != OrderStatus.IN_REVIEW) {
            return Optional.of("Order " + row.orderId() + " is " + row.status() + ", not in risk review.");
        }
        return Optional.empty();
    }

    private static ProblemException conflict(RiskReview risk, String detail) {
        boolean decided = risk != null && risk.status().decided();
        return new ProblemException(new Problem(ApiProblems.BASE + (decided ? "risk-review-decided"
                : "not-in-risk-review"), decided ? "Risk review already decided" : "Not in risk review", 409,
                detail, null, null));
    }

    private OrderFulfillmentWorkflow stub(String orderId) {
        return temporal.newWorkflowStub(OrderFulfillmentWorkflow.class, WorkflowIds.order(orderId));
    }
}

package io.perennial.api.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
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
import io.perennial.risk.RiskReviewStatus;
import io.perennial.risk.RiskSignals;
import io.perennial.subscription.SubscriptionWorkflow;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Orders (and subscriptions' first charges) waiting in risk review, and the ops decision on one: checked against the read model for a clear 404/409,
 * then sent to the order's workflow as its {@code decideRisk} Update (whose validator has the last word), and
 * audited as {@code order.risk-approved} / {@code order.risk-refused}.
 */
@Singleton
public class RiskReviews {

    private final WorkflowClient temporal;
    private final OrderReadModel orders;
    private final AuditLog audit;
    private final RiskSignals signals;
    private final ObjectMapper json;

    public RiskReviews(WorkflowClient temporal, OrderReadModel orders, AuditLog audit, RiskSignals signals,
                       ObjectMapper json) {
        this.signals = signals;
        this.json = json;
        this.temporal = temporal;
        this.orders = orders;
        this.audit = audit;
    }

    /**
     * What waits for a decision, newest first, {@code limit} a page; {@code next} is the following page's
     * {@code after}. {@code kind} ORDER pages the orders and SUBSCRIPTION the subscriptions' first charges, each by
     * its own cursor (an order id, a subscription id); without a kind the orders are paged and the first page begins
     * with at most {@code limit} subscriptions, as before kinds could be asked for.
     */
    public RiskReviewView.Page waiting(@Nullable RiskReviewView.Kind kind, int limit, @Nullable String after) {
        if (kind == RiskReviewView.Kind.SUBSCRIPTION) {
            return waitingSubscriptions(limit, after);
        }
        OrderRecord cursor = after == null ? null : orders.find(after)
                .orElseThrow(() -> ApiProblems.notFound("Order", after));
        List<OrderRecord> rows = orders.page(null, OrderStatus.IN_REVIEW, cursor, limit + 1);
        List<RiskReviewView> orderItems = rows.stream().limit(limit).map(RiskReviewView::of).toList();
        List<RiskReviewView> items = new ArrayList<>();
        if (kind == null && after == null) {
            signals.findWaitingSubscriptions(limit).forEach(row -> items.add(RiskReviewView.of(row, read(row))));
        }
        items.addAll(orderItems);
        return new RiskReviewView.Page(items, rows.size() > limit
                ? orderItems.get(orderItems.size() - 1).orderId() : null);
    }

    /** The subscriptions waiting, a page after the one whose id is {@code after} (decided since or not). */
    private RiskReviewView.Page waitingSubscriptions(int limit, @Nullable String after) {
        List<RiskSignals.SubscriptionReview> rows;
        if (after == null) {
            rows = signals.findWaitingSubscriptions(limit + 1);
        } else {
            RiskSignals.SubscriptionReview cursor = subscriptionId(after).flatMap(signals::findSubscriptionReview)
                    .orElseThrow(() -> ApiProblems.notFoundBecause("No subscription risk review " + after + "."));
            rows = signals.findWaitingSubscriptionsAfter(cursor.checkedAt(), cursor.subscriptionId(), limit + 1);
        }
        List<RiskReviewView> items = rows.stream().limit(limit).map(row -> RiskReviewView.of(row, read(row)))
                .toList();
        return new RiskReviewView.Page(items, rows.size() > limit ? items.get(items.size() - 1).subscriptionId()
                : null);
    }

    private static Optional<UUID> subscriptionId(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    /**
     * The ops decision on a subscription's first charge held for review, sent to its workflow as the {@code
     * decideRisk} Update (its validator has the last word) and audited as {@code subscription.risk-approved} /
     * {@code subscription.risk-refused}.
     */
    public RiskReviewView decideSubscription(CurrentUser caller, UUID subscriptionId, boolean approve,
                                             String reason) {
        RiskSignals.SubscriptionReview row = signals.findSubscriptionReview(subscriptionId)
                .orElseThrow(() -> ApiProblems.notFoundBecause("Subscription " + subscriptionId
                        + " has no first charge in risk review."));
        RiskReview review = read(row);
        if (review.status().decided()) {
            throw conflict(review, subscriptionDecided(subscriptionId, review));
        }
        String by = caller.userId().toString();
        try {
            temporal.newWorkflowStub(SubscriptionWorkflow.class, WorkflowIds.subscription(subscriptionId.toString()))
                    .decideRisk(new RiskDecision(approve, reason.strip(), by));
        } catch (WorkflowUpdateException | WorkflowNotFoundException rejected) {
            // The list was a moment behind: decided by the deadline, or canceled, meanwhile.
            RiskReview now = signals.findSubscriptionReview(subscriptionId).map(this::read).orElse(review);
            throw conflict(now, now.status().decided() ? subscriptionDecided(subscriptionId, now)
                    : "Subscription " + subscriptionId + " is no longer in risk review.");
        }
        RiskReview decided = review.decided(approve ? RiskReviewStatus.APPROVED : RiskReviewStatus.REFUSED, by,
                reason.strip(), Instant.now());
        audit.record(by, approve ? "subscription.risk-approved" : "subscription.risk-refused",
                "subscription:" + subscriptionId, reason.strip(), "score " + review.score() + " ("
                        + review.firedCodes() + "); " + (approve ? "the first charge is made"
                        : "the subscription ends uncharged"));
        return RiskReviewView.of(row, decided);
    }

    private static String subscriptionDecided(UUID subscriptionId, RiskReview review) {
        return "Subscription " + subscriptionId + "'s risk review is already decided: " + review.status() + " by "
                + review.decidedBy() + (review.decisionReason() == null ? "" : " (" + review.decisionReason() + ")")
                + ".";
    }

    private RiskReview read(RiskSignals.SubscriptionReview row) {
        try {
            return json.readValue(row.review(), Argument.of(RiskReview.class));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable subscription_risk_reviews.review: " + row.review(), e);
        }
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

package io.perennial.risk;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The risk check: scores an order, or a subscription's first charge, before it is charged from explainable,
 * configurable rules (see the activities' {@code RiskRules}). Idempotent per order or subscription: a retried or
 * replayed check answers what the first one stored.
 */
@ActivityInterface
public interface RiskActivities {

    @ActivityMethod(name = "AssessOrderRisk")
    RiskAssessment assessOrder(RiskCheck check);

    /** The same rules and thresholds for a subscription's first charge, stored with the orders' checks. */
    @ActivityMethod(name = "AssessSubscriptionRisk")
    RiskAssessment assessSubscription(SubscriptionRiskCheck check);

    /** Keeps a subscription's review where ops list and decide it; the last write for a subscription wins. */
    @ActivityMethod(name = "RecordSubscriptionRiskReview")
    void recordSubscriptionReview(SubscriptionRiskRecord review);
}

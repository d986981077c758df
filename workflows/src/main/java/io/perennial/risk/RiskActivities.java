package io.perennial.risk;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The risk check: scores an order before it is charged from explainable, configurable rules (see the activities'
 * {@code RiskRules}). Idempotent per order: a retried or replayed check answers what the first one stored.
 */
@ActivityInterface
public interface RiskActivities {

    @ActivityMethod(name = "AssessOrderRisk")
    RiskAssessment assessOrder(RiskCheck check);
}

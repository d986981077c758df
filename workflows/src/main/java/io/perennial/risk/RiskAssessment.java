package io.perennial.risk;

import java.time.Duration;
import java.util.List;

/**
 * The risk check's answer: the score (the sum of the fired rules' points), the rules that fired, and what it means
 * under the thresholds configured when it was taken. The review deadline travels with it so the workflow waits as
 * long as configured then, deterministically.
 */
public record RiskAssessment(int score, List<FiredRule> rules, RiskVerdict verdict, int reviewThreshold,
                             int refuseThreshold, Duration reviewDeadline) {

    public RiskAssessment {
        rules = List.copyOf(rules);
    }
}

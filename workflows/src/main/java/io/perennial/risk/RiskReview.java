package io.perennial.risk;

import java.time.Instant;
import java.util.List;

/**
 * An order's risk review as the order keeps and shows it: the assessment and, once decided, by whom and why.
 *
 * @param reviewDeadlineAt while IN_REVIEW: when it is refused if nobody decided
 * @param decidedBy        "rules" for an immediate refusal, "deadline" when nobody decided, else the staff user
 */
public record RiskReview(int score, List<FiredRule> rules, RiskReviewStatus status, Instant checkedAt,
                         Instant reviewDeadlineAt, String decidedBy, String decisionReason, Instant decidedAt) {

    public RiskReview {
        // Micronaut Serde leaves an empty list out of the orders column's JSON: no rule fired reads back as none.
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public static RiskReview of(RiskAssessment assessment, Instant at) {
        return switch (assessment.verdict()) {
            case PASS -> new RiskReview(assessment.score(), assessment.rules(), RiskReviewStatus.PASSED, at, null,
                    null, null, null);
            case REVIEW -> new RiskReview(assessment.score(), assessment.rules(), RiskReviewStatus.IN_REVIEW, at,
                    at.plus(assessment.reviewDeadline()), null, null, null);
            case REFUSE -> new RiskReview(assessment.score(), assessment.rules(), RiskReviewStatus.REFUSED, at, null,
                    "rules", "score " + assessment.score() + " is at or above the refuse threshold "
                    + assessment.refuseThreshold(), at);
        };
    }

    public RiskReview decided(RiskReviewStatus outcome, String by, String reason, Instant at) {
        return new RiskReview(score, rules, outcome, checkedAt, reviewDeadlineAt, by, reason, at);
    }

    /** "DISPOSABLE_EMAIL +30, NEW_ACCOUNT_LARGE_FIRST_ORDER +30" */
    public String firedCodes() {
        return rules.isEmpty() ? "no rule fired" : String.join(", ", rules.stream()
                .map(rule -> rule.code() + " +" + rule.points()).toList());
    }
}

package io.perennial.risk;

/** Where an order's risk review stands. */
public enum RiskReviewStatus {
    /** Scored below the review threshold. */
    PASSED,
    /** Waiting for an ops decision. */
    IN_REVIEW,
    /** Ops approved it; it is charged. */
    APPROVED,
    /** Refused: by the rules at once, by ops, or because nobody decided before the deadline. */
    REFUSED;

    public boolean decided() {
        return this == APPROVED || this == REFUSED;
    }
}

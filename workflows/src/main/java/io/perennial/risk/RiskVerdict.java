package io.perennial.risk;

/** What a score means against the configured thresholds. */
public enum RiskVerdict {
    /** Below the review threshold: charge. */
    PASS,
    /** At or above the review threshold, below the refuse threshold: a person decides. */
    REVIEW,
    /** At or above the refuse threshold: refused at once, nothing charged. */
    REFUSE
}

package io.perennial.risk;

/**
 * An ops decision on an order in manual risk review.
 *
 * @param decidedBy who decided (the staff user's id), for the order's history and the audit log
 */
public record RiskDecision(boolean approve, String reason, String decidedBy) {
}

package io.perennial.analytics;

/**
 * How one customer's MRR in one currency moved from the end of one day to the end of the next (docs/analytics.md).
 * {@code amount} is always positive, or 0 for {@link Kind#NONE}. Pure.
 */
public record MrrMovement(Kind kind, long amount) {

    public enum Kind { NONE, NEW, REACTIVATED, EXPANSION, CONTRACTION, CHURNED }

    /**
     * @param before       MRR at the end of the previous day
     * @param after        MRR at the end of the day
     * @param paidEarlier  whether the customer had MRR on some day before this one
     */
    public static MrrMovement between(long before, long after, boolean paidEarlier) {
        if (before == 0 && after > 0) {
            return new MrrMovement(paidEarlier ? Kind.REACTIVATED : Kind.NEW, after);
        }
        if (before > 0 && after == 0) {
            return new MrrMovement(Kind.CHURNED, before);
        }
        if (after > before) {
            return new MrrMovement(Kind.EXPANSION, after - before);
        }
        if (after < before) {
            return new MrrMovement(Kind.CONTRACTION, before - after);
        }
        return new MrrMovement(Kind.NONE, 0);
    }
}

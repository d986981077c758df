package io.perennial.points;

import java.math.BigInteger;
import java.util.Currency;

/**
 * The rounding rules of points, all integer arithmetic, each one division rounded DOWN (toward the customer: a
 * point is earned only for a whole unit paid; a refund takes back only whole points of its share).
 */
public final class PointsArithmetic {

    private PointsArithmetic() {
    }

    /**
     * Points for {@code paidMinor} at {@code perUnit} points per major unit: {@code ⌊paid × perUnit / 10^digits⌋},
     * e.g. 12.99 EUR at 1 point per euro is 12 points; 1299 JPY is 1299.
     */
    public static long earned(long paidMinor, String currency, long perUnit) {
        return divideDown(paidMinor * perUnit, BigInteger.TEN.pow(digits(currency)).longValueExact());
    }

    /**
     * Points for an order whose lines earn different rates: the quantity-weighted rate in the same one division,
     * {@code ⌊paid × Σ(quantity × rate) / (Σ quantity × 10^digits)⌋}.
     */
    public static long earned(long paidMinor, String currency, long weightedRate, long quantity) {
        if (quantity <= 0) {
            return 0;
        }
        return divideDown(BigInteger.valueOf(paidMinor).multiply(BigInteger.valueOf(weightedRate)),
                BigInteger.TEN.pow(digits(currency)).multiply(BigInteger.valueOf(quantity)));
    }

    /**
     * How much of {@code earned} all refunds so far take back: {@code ⌊earned × refunded / paid⌋}, with refunded at
     * most paid, so a full refund takes back exactly what was earned. Each refund takes this less what earlier ones
     * took, so partial refunds never round twice.
     */
    public static long clawedBackBy(long earned, long paidMinor, long refundedMinor) {
        if (paidMinor <= 0) {
            return 0;
        }
        return divideDown(BigInteger.valueOf(earned).multiply(BigInteger.valueOf(Math.min(refundedMinor, paidMinor))),
                BigInteger.valueOf(paidMinor));
    }

    /** The credit {@code points} buy: exact, since only whole blocks are redeemed. */
    public static long credit(long points, int blockPoints, long blockCreditMinor) {
        if (points % blockPoints != 0) {
            throw new IllegalArgumentException(points + " is not a multiple of " + blockPoints);
        }
        return Math.multiplyExact(points / blockPoints, blockCreditMinor);
    }

    private static int digits(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    private static long divideDown(long dividend, long divisor) {
        return Math.floorDiv(dividend, divisor);
    }

    private static long divideDown(BigInteger dividend, BigInteger divisor) {
        return dividend.divide(divisor).longValueExact();
    }
}

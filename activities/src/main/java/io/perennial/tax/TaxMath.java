package io.perennial.tax;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The rounding rule of every tax amount, in one place (docs/billing.md, "Tax"): tax is computed once per tax line
 * (one per rate on an invoice) on the sum of the lines it taxes, and rounded to the minor unit <b>half-up</b>
 * (a half rounds away from zero). Half-up is the commercial rounding tax authorities expect on an invoice a person
 * checks by hand (HMRC, the German UStAE); half-even only pays off over many sums, and rounding once per rate
 * rather than per line keeps a discount from drifting the tax by a cent against its net.
 */
public final class TaxMath {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private TaxMath() {
    }

    /** Tax added on top of a net amount: {@code net × rate / 100}, half-up. */
    public static long exclusiveTax(long netMinor, BigDecimal ratePercent) {
        return BigDecimal.valueOf(netMinor).multiply(ratePercent)
                .divide(HUNDRED, 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Tax contained in a gross amount: {@code gross × rate / (100 + rate)}, half-up. */
    public static long inclusiveTax(long grossMinor, BigDecimal ratePercent) {
        return BigDecimal.valueOf(grossMinor).multiply(ratePercent)
                .divide(HUNDRED.add(ratePercent), 0, RoundingMode.HALF_UP).longValueExact();
    }

    public static long tax(TaxBehavior behavior, long taxableMinor, BigDecimal ratePercent) {
        return behavior == TaxBehavior.EXCLUSIVE ? exclusiveTax(taxableMinor, ratePercent)
                : inclusiveTax(taxableMinor, ratePercent);
    }
}

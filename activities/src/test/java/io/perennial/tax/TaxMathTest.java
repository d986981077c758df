package io.perennial.tax;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The worked examples of docs/billing.md ("Tax"), to the cent. */
class TaxMathTest {

    private static final BigDecimal TWENTY = new BigDecimal("20");
    private static final BigDecimal NINETEEN = new BigDecimal("19");

    @Test
    void exclusiveTaxIsAddedOnTheNetAndAHalfCentRoundsUp() {
        // 9.99 at 20 %: 1.998 → 2.00; 12.50 at 19 %: 2.375 → 2.38 (half-up; half-even would also give 2.38)
        assertThat(TaxMath.exclusiveTax(999, TWENTY)).isEqualTo(200);
        assertThat(TaxMath.exclusiveTax(1250, NINETEEN)).isEqualTo(238);
        // 0.50 at 5 %: 0.025 → 0.03 (half-up; half-even would give 0.02)
        assertThat(TaxMath.exclusiveTax(50, new BigDecimal("5"))).isEqualTo(3);
    }

    @Test
    void inclusiveTaxIsTheShareOfTheGrossAndAHalfCentRoundsUp() {
        // 9.99 incl. 20 %: 9.99 × 20 / 120 = 1.665 → 1.67 (half-even would give 1.66); net 8.32
        assertThat(TaxMath.inclusiveTax(999, TWENTY)).isEqualTo(167);
        // 11.90 incl. 19 %: exactly 1.90; net 10.00
        assertThat(TaxMath.inclusiveTax(1190, NINETEEN)).isEqualTo(190);
    }

    @Test
    void ratesWithDecimalsAreExact() {
        // 100.00 at 8.875 % = 8.875 → 8.88; 1.00 at 5.5 % = 0.055 → 0.06
        assertThat(TaxMath.exclusiveTax(10_000, new BigDecimal("8.875"))).isEqualTo(888);
        assertThat(TaxMath.exclusiveTax(100, new BigDecimal("5.5"))).isEqualTo(6);
    }

    @Test
    void aZeroRateOrAZeroAmountTaxesNothing() {
        assertThat(TaxMath.exclusiveTax(999, BigDecimal.ZERO)).isZero();
        assertThat(TaxMath.inclusiveTax(0, TWENTY)).isZero();
    }
}

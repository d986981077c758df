package io.perennial.points;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PointsArithmeticTest {

    @Test
    void aPointIsEarnedOnlyForAWholeMajorUnitPaid() {
        assertThat(PointsArithmetic.earned(1299, "EUR", 1)).isEqualTo(12);
        assertThat(PointsArithmetic.earned(99, "EUR", 1)).isZero();
        assertThat(PointsArithmetic.earned(1299, "EUR", 3)).isEqualTo(38);
        assertThat(PointsArithmetic.earned(1299, "JPY", 1)).isEqualTo(1299);
    }

    @Test
    void anOrderEarnsAtItsLinesQuantityWeightedRateInOneDivision() {
        // 2 SKUs: one unit at 2 points per euro, three at 1: rate 5/4 per euro; 19.99 × 5 / 4 = 24.98 → 24.
        assertThat(PointsArithmetic.earned(1999, "EUR", 5, 4)).isEqualTo(24);
    }

    @Test
    void refundsTakeBackTheirShareRoundedDownAndAFullRefundExactlyWhatWasEarned() {
        assertThat(PointsArithmetic.clawedBackBy(12, 1299, 650)).isEqualTo(6);
        assertThat(PointsArithmetic.clawedBackBy(12, 1299, 1299)).isEqualTo(12);
        assertThat(PointsArithmetic.clawedBackBy(12, 1299, 5000)).isEqualTo(12);
    }

    @Test
    void onlyWholeRedemptionBlocksBuyCredit() {
        assertThat(PointsArithmetic.credit(300, 100, 100)).isEqualTo(300);
        assertThatThrownBy(() -> PointsArithmetic.credit(150, 100, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.perennial.analytics;

import io.perennial.analytics.MrrMovement.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MrrMovementTest {

    @Test
    void aFirstPayingDayIsNewAndAComebackIsAReactivation() {
        assertThat(MrrMovement.between(0, 1299, false)).isEqualTo(new MrrMovement(Kind.NEW, 1299));
        assertThat(MrrMovement.between(0, 1299, true)).isEqualTo(new MrrMovement(Kind.REACTIVATED, 1299));
    }

    @Test
    void moreIsExpansionLessIsContractionNothingIsChurnAllAsPositiveAmounts() {
        assertThat(MrrMovement.between(1299, 2598, true)).isEqualTo(new MrrMovement(Kind.EXPANSION, 1299));
        // Monthly 12.99 to yearly 129.00 is 10.75 a month: a contraction of 2.24.
        assertThat(MrrMovement.between(1299, 1075, true)).isEqualTo(new MrrMovement(Kind.CONTRACTION, 224));
        assertThat(MrrMovement.between(1299, 0, true)).isEqualTo(new MrrMovement(Kind.CHURNED, 1299));
        assertThat(MrrMovement.between(1299, 1299, true)).isEqualTo(new MrrMovement(Kind.NONE, 0));
        assertThat(MrrMovement.between(0, 0, false)).isEqualTo(new MrrMovement(Kind.NONE, 0));
    }
}

package io.perennial.api.console;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BarChartTest {

    @Test
    void barsAreScaledToTheLargestMagnitudeAndANegativeOneIsAsLongAsItsMagnitude() {
        BarChart chart = BarChart.of("movements", "MRR movements", List.of(
                new BarChart.Entry("new", "New", 3897, "€38.97"),
                new BarChart.Entry("contraction", "Contraction", -224, "-€2.24"),
                new BarChart.Entry("churned", "Churned", 0, "€0.00"),
                new BarChart.Entry("tiny", "Tiny", 1, "€0.01")));

        assertThat(chart.bars()).extracting(BarChart.Bar::length)
                .containsExactly(BarChart.BAR_AREA, 14, 0, 2);
        assertThat(chart.bars()).extracting(BarChart.Bar::negative).containsExactly(false, true, false, false);
        assertThat(chart.bars()).extracting(BarChart.Bar::y).containsExactly(4, 32, 60, 88);
        assertThat(chart.viewBox()).isEqualTo("0 0 560 120");
        assertThat(chart.description()).isEqualTo(
                "MRR movements: New €38.97; Contraction -€2.24; Churned €0.00; Tiny €0.01");
    }

    @Test
    void aChartOfNothingButZerosDrawsNoBarRatherThanDividingByZero() {
        BarChart chart = BarChart.of("churn", "Churn", List.of(new BarChart.Entry("2027-03", "2027-03", 0, "—")));

        assertThat(chart.bars()).singleElement().extracting(BarChart.Bar::length).isEqualTo(0);
        assertThat(chart.height()).isEqualTo(BarChart.ROW + 8);
    }
}

package io.perennial.api.analytics;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EcbReferenceRatesTest {

    static final String DAILY = """
            Date, USD, JPY, BGN, CZK, GBP,\s
            04 December 2026, 1.0834, 162.12, 1.9558, 25.117, 0.8456,\s
            """;

    static final String HISTORY = """
            Date,USD,JPY,CYP,GBP,
            2026-12-04,1.0834,162.12,N/A,0.8456,
            2026-12-03,1.0801,161.50,N/A,0.8440,
            """;

    @Test
    void theDailyFileImportsAsPublishedWhenReportingInEuros() {
        assertThat(EcbReferenceRates.parse(DAILY, "EUR"))
                .contains(new EcbReferenceRates.Rate("USD", LocalDate.parse("2026-12-04"), new BigDecimal("1.08340000")),
                        new EcbReferenceRates.Rate("JPY", LocalDate.parse("2026-12-04"), new BigDecimal("162.12000000")))
                .hasSize(5);
    }

    @Test
    void theHistorySkipsCurrenciesWithoutARateThatDay() {
        assertThat(EcbReferenceRates.parse(HISTORY, "EUR")).extracting(EcbReferenceRates.Rate::currency)
                .containsExactly("GBP", "JPY", "USD", "GBP", "JPY", "USD");
    }

    @Test
    void anotherReportingCurrencyIsCrossedThroughTheEuroToEightDecimalsHalfEven() {
        // Reporting in GBP on 4 December: 1 GBP = 1 / 0.8456 EUR = 1.18259224...; 1.0834 / 0.8456 = 1.28122044...
        assertThat(EcbReferenceRates.parse(DAILY, "GBP"))
                .contains(new EcbReferenceRates.Rate("EUR", LocalDate.parse("2026-12-04"), new BigDecimal("1.18259224")),
                        new EcbReferenceRates.Rate("USD", LocalDate.parse("2026-12-04"),
                                new BigDecimal("1.28122044")))
                .noneMatch(rate -> rate.currency().equals("GBP"));
    }

    @Test
    void aFileThatIsNotTheEcbsFormatIsRefusedWithTheLine() {
        assertThatThrownBy(() -> EcbReferenceRates.parse("hello,world\n1,2", "EUR"))
                .isInstanceOf(EcbReferenceRates.Refused.class);
        assertThatThrownBy(() -> EcbReferenceRates.parse("Date,USD\n2026-12-04,abc", "EUR"))
                .hasMessageContaining("Line 2");
    }
}

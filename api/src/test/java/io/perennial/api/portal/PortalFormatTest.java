package io.perennial.api.portal;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class PortalFormatTest {

    private static final PortalFormat CHINESE = new PortalFormat(Locale.forLanguageTag("zh-CN"));
    private static final PortalFormat ENGLISH = new PortalFormat(Locale.forLanguageTag("en-US"));
    private static final PortalFormat GERMAN = new PortalFormat(Locale.forLanguageTag("de-DE"));

    @Test
    void minorUnitsAreScaledByTheCurrencysOwnDecimalsAndWrittenTheReadersWay() {
        assertThat(CHINESE.money(6800L, "CNY")).isEqualTo("¥68.00");
        assertThat(CHINESE.money(1299L, "EUR")).isEqualTo("€12.99");
        assertThat(ENGLISH.money(6800L, "CNY")).isEqualTo("CN¥68.00");
        assertThat(ENGLISH.money(1299L, "EUR")).isEqualTo("€12.99");
        assertThat(GERMAN.money(1299L, "EUR")).isEqualTo("12,99\u00a0€");
        // No decimals for yen, three for dinar: never a double in between.
        assertThat(ENGLISH.money(1500L, "JPY")).isEqualTo("¥1,500");
        assertThat(ENGLISH.money(1234L, "KWD")).isEqualTo("KWD1.234");
        assertThat(ENGLISH.money(-250L, "EUR")).isEqualTo("-€2.50");
    }

    @Test
    void datesAreWrittenInTheReadersLanguageOnTheUtcCalendar() {
        Instant lateOnTheThirtyFirst = Instant.parse("2026-01-31T23:30:00Z");

        assertThat(CHINESE.date(lateOnTheThirtyFirst)).isEqualTo("2026年1月31日");
        assertThat(ENGLISH.date(lateOnTheThirtyFirst)).isEqualTo("Jan 31, 2026");
        assertThat(ENGLISH.date(null)).isEmpty();
        assertThat(ENGLISH.money(null, "EUR")).isEmpty();
    }

    @Test
    void percentagesInBasisPointsAreWrittenTheReadersWay() {
        assertThat(ENGLISH.percent(2500)).isEqualTo("25%");
        assertThat(CHINESE.percent(1250)).isEqualTo("12.5%");
        assertThat(GERMAN.percent(1250)).isEqualTo("12,5\u00a0%");
        assertThat(ENGLISH.percent(null)).isEmpty();
    }
}

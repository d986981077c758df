package io.perennial.api.portal;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * Money and dates as a reader in {@code locale} writes them. Money arrives in integer minor units and is scaled
 * by the currency's own number of decimals (JPY 0, EUR 2, KWD 3) without ever passing through a double.
 * Dates are business dates in UTC, the zone every period and invoice is computed in.
 */
public final class PortalFormat {

    private final Locale locale;
    private final DateTimeFormatter dates;
    private final DateTimeFormatter times;

    public PortalFormat(Locale locale) {
        this.locale = locale;
        this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(ZoneOffset.UTC);
        this.times = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(ZoneOffset.UTC);
    }

    public String money(@Nullable Long minor, @Nullable String currencyCode) {
        if (minor == null || currencyCode == null) {
            return "";
        }
        Currency currency = Currency.getInstance(currencyCode);
        int decimals = Math.max(0, currency.getDefaultFractionDigits());
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        return format.format(BigDecimal.valueOf(minor, decimals));
    }

    /** A percentage given in basis points (2500 = 25%), with up to two decimals. */
    public String percent(@Nullable Integer basisPoints) {
        if (basisPoints == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getPercentInstance(locale);
        format.setMaximumFractionDigits(2);
        return format.format(BigDecimal.valueOf(basisPoints, 4));
    }

    public String date(@Nullable Instant instant) {
        return instant == null ? "" : dates.format(instant);
    }

    public String dateTime(@Nullable Instant instant) {
        return instant == null ? "" : times.format(instant) + " UTC";
    }

    public Locale locale() {
        return locale;
    }
}

package io.perennial.api.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ECB's euro foreign exchange reference rates in their CSV formats: the daily file ({@code Date, USD, JPY, …}
 * with {@code 04 December 2026}) and the history ({@code Date,USD,…} with ISO dates, {@code N/A} where a currency
 * had no rate). The ECB quotes units per euro; for another reporting currency R each rate is crossed through the
 * euro, {@code X per R = (X per EUR) / (R per EUR)}, to 8 decimals HALF_EVEN. Pure.
 */
final class EcbReferenceRates {

    /** One rate to store: one reporting unit is worth {@code rate} of {@code currency} on {@code date}. */
    record Rate(String currency, LocalDate date, BigDecimal rate) {
    }

    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private static final DateTimeFormatter DAILY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private EcbReferenceRates() {
    }

    static List<Rate> parse(String csv, String reportingCurrency) {
        String[] lines = csv.strip().split("\\r?\\n");
        if (lines.length < 2 || !cells(lines[0])[0].equalsIgnoreCase("Date")) {
            throw new Refused("Not an ECB reference-rate CSV: the first line is Date followed by currency codes");
        }
        String[] header = cells(lines[0]);
        List<Rate> rates = new ArrayList<>();
        for (int n = 1; n < lines.length; n++) {
            if (lines[n].isBlank()) {
                continue;
            }
            String[] row = cells(lines[n]);
            LocalDate date = date(row[0], n + 1);
            Map<String, BigDecimal> perEuro = new TreeMap<>();
            for (int column = 1; column < Math.min(header.length, row.length); column++) {
                String code = header[column];
                String value = row[column];
                if (code.isEmpty() || value.isEmpty() || value.equalsIgnoreCase("N/A")) {
                    continue;
                }
                if (!code.matches("[A-Z]{3}")) {
                    throw new Refused("Line 1: '" + code + "' is not a currency code");
                }
                try {
                    BigDecimal rate = new BigDecimal(value);
                    if (rate.signum() <= 0) {
                        throw new NumberFormatException();
                    }
                    perEuro.put(code, rate);
                } catch (NumberFormatException e) {
                    throw new Refused("Line " + (n + 1) + ": '" + value + "' is not a rate for " + code);
                }
            }
            perEuro.put("EUR", BigDecimal.ONE);
            BigDecimal reporting = perEuro.get(reportingCurrency);
            if (reporting == null) {
                continue;
            }
            perEuro.forEach((code, rate) -> {
                if (!code.equals(reportingCurrency)) {
                    rates.add(new Rate(code, date, rate.divide(reporting, 8, RoundingMode.HALF_EVEN)));
                }
            });
        }
        return rates;
    }

    private static String[] cells(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }

    private static LocalDate date(String text, int line) {
        try {
            return text.matches("\\d{4}-\\d{2}-\\d{2}") ? LocalDate.parse(text) : LocalDate.parse(text, DAILY);
        } catch (DateTimeParseException e) {
            throw new Refused("Line " + line + ": '" + text + "' is not a date");
        }
    }
}

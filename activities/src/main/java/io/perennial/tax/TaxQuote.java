package io.perennial.tax;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.util.List;

/**
 * A provider's answer: the tax lines (none when no rate applies), and for an EU B2B sale to another member state,
 * {@code reverseCharge} with the note the invoice must print.
 */
public record TaxQuote(TaxBehavior behavior, List<Line> lines, boolean reverseCharge, @Nullable String note) {

    /** The tax of one rate: {@code taxableMinor} is the net the rate applies to, {@code taxMinor} the tax. */
    public record Line(String country, String taxCategory, String name, BigDecimal ratePercent, long taxableMinor,
                       long taxMinor) {
    }

    public TaxQuote {
        lines = List.copyOf(lines);
    }

    public static TaxQuote none(TaxBehavior behavior) {
        return new TaxQuote(behavior, List.of(), false, null);
    }

    public long taxMinor() {
        return lines.stream().mapToLong(Line::taxMinor).sum();
    }

    /** What the tax adds to the lines' sum: all of it when prices exclude tax, nothing when they include it. */
    public long addedMinor() {
        return behavior == TaxBehavior.EXCLUSIVE ? taxMinor() : 0;
    }
}

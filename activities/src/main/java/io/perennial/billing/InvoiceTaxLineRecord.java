package io.perennial.billing;

import io.micronaut.core.annotation.Introspected;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One tax line of an invoice: {@code ratePercent} of {@code country}'s tax for {@code taxCategory} applied to the
 * net {@code taxableMinor}, giving {@code taxMinor} (rounded once, half-up; see {@code TaxMath}).
 */
@Introspected
public record InvoiceTaxLineRecord(UUID invoiceId, int lineNo, String country, String taxCategory, String name,
                                   BigDecimal ratePercent, long taxableMinor, long taxMinor) {
}

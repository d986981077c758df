package io.perennial.api.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * The next invoice of a subscription as it would be issued now: its lines (plan, coupon discount, account credit),
 * tax, and {@code totalMinor} to be charged at {@code issuesAt}. A preview: nothing is stored or reserved, and the
 * customer's credit or the rates may change before it is issued.
 */
@Serdeable
public record UpcomingInvoiceView(String subscriptionId, int period, String currency, @Nullable Instant issuesAt,
                                  List<InvoiceView.Line> lines, long subtotalMinor, String taxBehavior,
                                  long taxMinor, List<InvoiceView.TaxLine> taxLines, long amountMinor,
                                  long accountCreditMinor, long totalMinor, boolean reverseCharge,
                                  @Nullable String taxNote) {
}

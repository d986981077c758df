package io.perennial.payment;

import java.time.Instant;

/**
 * An invoice just voided while one of its charges was in doubt (the provider's answer was lost): what the provider
 * took for it is to be found out and given back.
 */
public record VoidedInvoice(String invoiceId, Instant businessTime) {
}

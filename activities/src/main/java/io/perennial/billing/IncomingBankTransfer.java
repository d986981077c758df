package io.perennial.billing;

import java.time.LocalDate;

/** An incoming transfer as the bank statement shows it; the amount in minor units. */
public record IncomingBankTransfer(String bankTransactionId, long amountMinor, String currency, String reference,
                                   String payerName, LocalDate valueDate) {
}

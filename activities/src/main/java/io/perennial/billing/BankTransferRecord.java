package io.perennial.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An incoming bank transfer as recorded from the bank statement; {@code status} is MATCHED (it paid
 * {@code invoiceId} by itself), UNMATCHED (in the ops queue, {@code unmatchedReason} says why), ASSIGNED (ops made it
 * pay {@code invoiceId}) or REFUNDED (ops sent it back).
 */
@MappedEntity("bank_transfers")
public record BankTransferRecord(@Id UUID id, String bankTransactionId, long amountMinor, String currency,
                                 String reference, String payerName, LocalDate valueDate, String status,
                                 @Nullable String unmatchedReason, @Nullable UUID invoiceId, Instant recordedAt,
                                 String recordedBy, @Nullable Instant resolvedAt, @Nullable String resolvedBy,
                                 @Nullable String note) {
    public static final String MATCHED = "MATCHED";
    public static final String UNMATCHED = "UNMATCHED";
    public static final String ASSIGNED = "ASSIGNED";
    public static final String REFUNDED = "REFUNDED";
}

package io.perennial.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface BankTransferRepository extends GenericRepository<BankTransferRecord, UUID> {

    /** Once per bank transaction id: 0 when the bank's transaction was recorded before. */
    @Query("""
            INSERT INTO bank_transfers (id, bank_transaction_id, amount_minor, currency, reference, payer_name,
                value_date, status, recorded_at, recorded_by)
            VALUES (:id, :bankTransactionId, :amountMinor, :currency, :reference, :payerName, :valueDate,
                'UNMATCHED', :recordedAt, :recordedBy)
            ON CONFLICT (bank_transaction_id) DO NOTHING
            """)
    int insert(UUID id, String bankTransactionId, long amountMinor, String currency, String reference,
               String payerName, LocalDate valueDate, Instant recordedAt, String recordedBy);

    Optional<BankTransferRecord> findById(UUID id);

    Optional<BankTransferRecord> findByBankTransactionId(String bankTransactionId);

    @Query("SELECT * FROM bank_transfers WHERE id = :id FOR UPDATE")
    Optional<BankTransferRecord> lockById(UUID id);

    @Query("""
            UPDATE bank_transfers SET status = :status, invoice_id = :invoiceId, unmatched_reason = :unmatchedReason
            WHERE id = :id
            """)
    void matched(UUID id, String status, @Nullable UUID invoiceId, @Nullable String unmatchedReason);

    @Query("""
            UPDATE bank_transfers SET status = :status, invoice_id = :invoiceId, resolved_at = :resolvedAt,
                resolved_by = :resolvedBy, note = :note
            WHERE id = :id AND status = 'UNMATCHED'
            """)
    int resolve(UUID id, String status, @Nullable UUID invoiceId, Instant resolvedAt, String resolvedBy,
                @Nullable String note);

    /** The transfer that paid an invoice, if one did. */
    @Query("SELECT * FROM bank_transfers WHERE invoice_id = :invoiceId AND status IN ('MATCHED', 'ASSIGNED')")
    Optional<BankTransferRecord> findPaymentOf(UUID invoiceId);

    /** A page of one status, oldest first (a queue). */
    @Query("""
            SELECT * FROM bank_transfers WHERE status = :status ORDER BY recorded_at, id LIMIT :limit
            """)
    List<BankTransferRecord> findByStatus(String status, int limit);
}

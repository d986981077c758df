package io.perennial.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CreditNoteRepository extends CrudRepository<CreditNoteRecord, UUID> {

    /** The next number of the year; the counter row stays locked until the transaction ends (gapless). */
    @Query("""
            INSERT INTO credit_note_numbers (year, last_number) VALUES (:year, 1)
            ON CONFLICT (year) DO UPDATE SET last_number = credit_note_numbers.last_number + 1
            RETURNING last_number
            """)
    long nextNumber(int year);

    @Query("""
            INSERT INTO credit_notes (id, number, invoice_id, customer_id, currency, reason, outcome, subtotal_minor,
                tax_minor, total_minor, refund_key, issued_by, issued_at)
            VALUES (:id, :number, :invoiceId, :customerId, :currency, :reason, :outcome, :subtotalMinor, :taxMinor,
                :totalMinor, :refundKey, :issuedBy, :issuedAt)
            """)
    void insertNote(UUID id, String number, UUID invoiceId, UUID customerId, String currency, String reason,
                    String outcome, long subtotalMinor, long taxMinor, long totalMinor, @Nullable String refundKey,
                    UUID issuedBy, Instant issuedAt);

    @Query("""
            INSERT INTO credit_note_lines (credit_note_id, line_no, invoice_line_no, description, amount_minor)
            VALUES (:creditNoteId, :lineNo, :invoiceLineNo, :description, :amountMinor)
            """)
    void insertLine(UUID creditNoteId, int lineNo, int invoiceLineNo, String description, long amountMinor);

    @Query("SELECT * FROM credit_notes WHERE invoice_id IN (:invoiceIds) ORDER BY number")
    List<CreditNoteRecord> findByInvoices(Collection<UUID> invoiceIds);

    @Query("""
            SELECT l.* FROM credit_note_lines l JOIN credit_notes n ON n.id = l.credit_note_id
            WHERE n.invoice_id IN (:invoiceIds) ORDER BY l.credit_note_id, l.line_no
            """)
    List<CreditNoteLineRecord> findLinesOfInvoices(Collection<UUID> invoiceIds);

    /** What the invoice's succeeded payments took, less what was refunded of them (pending refunds count). */
    @Query("""
            SELECT COALESCE(SUM(p.amount_minor), 0) - COALESCE((SELECT SUM(r.amount_minor) FROM refunds r
                JOIN payments rp ON rp.id = r.payment_id
                WHERE rp.invoice_id = :invoiceId AND rp.status = 'SUCCEEDED' AND r.status <> 'FAILED'), 0)
            FROM payments p WHERE p.invoice_id = :invoiceId AND p.status = 'SUCCEEDED'
            """)
    long refundableOfInvoice(UUID invoiceId);

    /** Less left to pay on an OPEN invoice; at 0 it is PAID at {@code at}. */
    @Query("""
            UPDATE invoices SET total_minor = total_minor - :amountMinor,
                status = CASE WHEN total_minor = :amountMinor THEN 'PAID' ELSE status END,
                paid_at = CASE WHEN total_minor = :amountMinor THEN CAST(:at AS timestamptz) ELSE paid_at END
            WHERE id = :invoiceId AND status = 'OPEN' AND total_minor >= :amountMinor
            """)
    int reduceAmountDue(UUID invoiceId, long amountMinor, Instant at);
}

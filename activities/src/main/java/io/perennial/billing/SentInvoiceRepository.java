package io.perennial.billing;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SentInvoiceRepository extends GenericRepository<SentInvoiceRecord, UUID> {

    /** Once per invoice and per reference: 0 when either is taken (the invoice was sent, or the reference is used). */
    @Query("""
            INSERT INTO sent_invoices (invoice_id, bank_reference, due_at, sent_at)
            VALUES (:invoiceId, :bankReference, :dueAt, :sentAt) ON CONFLICT DO NOTHING
            """)
    int insert(UUID invoiceId, String bankReference, Instant dueAt, Instant sentAt);

    Optional<SentInvoiceRecord> findByInvoiceId(UUID invoiceId);

    Optional<SentInvoiceRecord> findByBankReference(String bankReference);

    @Query("SELECT * FROM sent_invoices WHERE invoice_id IN (:invoiceIds)")
    List<SentInvoiceRecord> findByInvoiceIds(Collection<UUID> invoiceIds);

    /** Flags an invoice still OPEN at or after its due date as overdue, once. */
    @Query("""
            UPDATE sent_invoices s SET overdue_since = :at
            FROM invoices i
            WHERE s.invoice_id = :invoiceId AND i.id = s.invoice_id AND i.status = 'OPEN'
              AND s.overdue_since IS NULL AND s.due_at <= :at
            """)
    int flagOverdue(UUID invoiceId, Instant at);
}

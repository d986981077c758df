package io.perennial.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InvoiceRepository extends CrudRepository<InvoiceRecord, UUID> {

    /** Inserts an invoice; its number comes from the invoice number sequence. */
    @Query("""
            INSERT INTO invoices (id, invoice_key, subscription_id, customer_id, period, currency, period_start,
                period_end, subtotal_minor, total_minor, status, issued_at, paid_at, tax_behavior, tax_minor,
                reverse_charge, tax_note, customer_tax_id)
            VALUES (:id, :invoiceKey, :subscriptionId, :customerId, :period, :currency, :periodStart,
                :periodEnd, :subtotalMinor, :totalMinor, :status, :issuedAt, :paidAt, :taxBehavior, :taxMinor,
                :reverseCharge, :taxNote, :customerTaxId)
            """)
    void insert(UUID id, String invoiceKey, UUID subscriptionId, UUID customerId, int period, String currency,
                Instant periodStart, Instant periodEnd, long subtotalMinor, long totalMinor, String status,
                Instant issuedAt, @Nullable Instant paidAt, String taxBehavior, long taxMinor, boolean reverseCharge,
                @Nullable String taxNote, @Nullable String customerTaxId);

    @Query("""
            INSERT INTO invoice_tax_lines (invoice_id, line_no, country, tax_category, name, rate_percent,
                taxable_minor, tax_minor)
            VALUES (:invoiceId, :lineNo, :country, :taxCategory, :name, :ratePercent, :taxableMinor, :taxMinor)
            """)
    void insertTaxLine(UUID invoiceId, int lineNo, String country, String taxCategory, String name,
                       java.math.BigDecimal ratePercent, long taxableMinor, long taxMinor);

    @Query("SELECT * FROM invoice_tax_lines WHERE invoice_id = :invoiceId ORDER BY line_no")
    List<InvoiceTaxLineRecord> findTaxLines(UUID invoiceId);

    @Query("SELECT * FROM invoice_tax_lines WHERE invoice_id IN (:invoiceIds) ORDER BY invoice_id, line_no")
    List<InvoiceTaxLineRecord> findTaxLinesOfInvoices(Collection<UUID> invoiceIds);

    @Query("""
            INSERT INTO invoice_lines (invoice_id, line_no, kind, description, amount_minor, source_period)
            VALUES (:invoiceId, :lineNo, :kind, :description, :amountMinor, :sourcePeriod)
            """)
    void insertLine(UUID invoiceId, int lineNo, String kind, String description, long amountMinor,
                    @Nullable Integer sourcePeriod);

    Optional<InvoiceRecord> findByInvoiceKey(String invoiceKey);

    Optional<InvoiceRecord> findByNumber(String number);

    /** Reads the invoice and holds its row until the transaction ends, so status changes are not lost. */
    @Query("SELECT * FROM invoices WHERE id = :id FOR UPDATE")
    Optional<InvoiceRecord> lockById(UUID id);

    /** OPEN (or written off, then paid after all) becomes PAID; a void or paid invoice is left alone. */
    @Query("""
            UPDATE invoices SET status = 'PAID', paid_at = :paidAt
            WHERE id = :id AND status IN ('OPEN', 'UNCOLLECTIBLE')
            """)
    int markPaid(UUID id, Instant paidAt);

    /** OPEN becomes VOID or UNCOLLECTIBLE; any other status is left alone. */
    @Query("UPDATE invoices SET status = :status, closed_at = :closedAt WHERE id = :id AND status = 'OPEN'")
    int close(UUID id, String status, Instant closedAt);

    @Query("SELECT * FROM invoice_lines WHERE invoice_id = :invoiceId ORDER BY line_no")
    List<InvoiceLineRecord> findLines(UUID invoiceId);

    @Query("SELECT * FROM invoice_lines WHERE invoice_id IN (:invoiceIds) ORDER BY invoice_id, line_no")
    List<InvoiceLineRecord> findLinesOfInvoices(Collection<UUID> invoiceIds);

    @Query("SELECT * FROM invoices WHERE subscription_id = :subscriptionId ORDER BY period, issued_at, id")
    List<InvoiceRecord> findBySubscription(UUID subscriptionId);

    /** The newest invoices of a customer: the first page of a list ordered by (issuedAt, id) descending. */
    @Query("""
            SELECT * FROM invoices WHERE customer_id = :customerId
            ORDER BY issued_at DESC, id DESC LIMIT :limit
            """)
    List<InvoiceRecord> findLatestOfCustomer(UUID customerId, int limit);

    /** The next page after the invoice ({@code issuedAt}, {@code id}) that ended the previous one. */
    @Query("""
            SELECT * FROM invoices WHERE customer_id = :customerId AND (issued_at, id) < (:issuedAt, :id)
            ORDER BY issued_at DESC, id DESC LIMIT :limit
            """)
    List<InvoiceRecord> findOfCustomerBefore(UUID customerId, Instant issuedAt, UUID id, int limit);

    default Optional<InvoiceWithLines> findWithLines(UUID id) {
        return findById(id).map(invoice -> new InvoiceWithLines(invoice, findLines(id), findTaxLines(id)));
    }

    /** Every invoice of a subscription by period, then issue time, each with its lines. */
    default List<InvoiceWithLines> findWithLinesBySubscription(UUID subscriptionId) {
        return withLines(findBySubscription(subscriptionId));
    }

    /** Attaches their lines and tax lines to invoices with two queries, keeping the invoices' order. */
    default List<InvoiceWithLines> withLines(List<InvoiceRecord> invoices) {
        if (invoices.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<InvoiceLineRecord>> lines = new LinkedHashMap<>();
        invoices.forEach(invoice -> lines.put(invoice.id(), new ArrayList<>()));
        Map<UUID, List<InvoiceTaxLineRecord>> taxLines = new LinkedHashMap<>();
        invoices.forEach(invoice -> taxLines.put(invoice.id(), new ArrayList<>()));
        findLinesOfInvoices(lines.keySet()).forEach(line -> lines.get(line.invoiceId()).add(line));
        findTaxLinesOfInvoices(lines.keySet()).forEach(line -> taxLines.get(line.invoiceId()).add(line));
        return invoices.stream().map(invoice -> new InvoiceWithLines(invoice, lines.get(invoice.id()),
                taxLines.get(invoice.id()))).toList();
    }
}

package io.perennial.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CreditEntryRepository extends CrudRepository<CreditEntry, UUID> {

    /**
     * Books a movement unless its key was booked before; returns 1 when booked now. A grant that gives back part of
     * a paid period names it ({@code subscriptionId}, {@code sourcePeriod}); every other movement leaves both null.
     */
    @Query("""
            INSERT INTO credit_entries (id, entry_key, customer_id, currency, kind, amount_minor, reason, invoice_id,
                grant_key, business_time, subscription_id, source_period)
            VALUES (:id, :entryKey, :customerId, :currency, :kind, :amountMinor, :reason, :invoiceId,
                :grantKey, :businessTime, :subscriptionId, :sourcePeriod)
            ON CONFLICT (entry_key) DO NOTHING
            """)
    int insertOnce(UUID id, String entryKey, UUID customerId, String currency, String kind, long amountMinor,
                   String reason, @Nullable UUID invoiceId, @Nullable String grantKey, Instant businessTime,
                   @Nullable UUID subscriptionId, @Nullable Integer sourcePeriod);

    /** A movement that gives back no period's payment. */
    default int insertOnce(UUID id, String entryKey, UUID customerId, String currency, String kind, long amountMinor,
                           String reason, @Nullable UUID invoiceId, @Nullable String grantKey, Instant businessTime) {
        return insertOnce(id, entryKey, customerId, currency, kind, amountMinor, reason, invoiceId, grantKey,
                businessTime, null, null);
    }

    Optional<CreditEntry> findByEntryKey(String entryKey);

    @Query("""
            SELECT COALESCE(SUM(amount_minor), 0) FROM credit_entries
            WHERE customer_id = :customerId AND currency = :currency
            """)
    long balance(UUID customerId, String currency);

    /** What was already taken back of a grant, as a positive amount. */
    @Query("SELECT COALESCE(-SUM(amount_minor), 0) FROM credit_entries WHERE grant_key = :grantKey AND kind = 'CLAWBACK'")
    long clawedBack(String grantKey);

    /** The customer's credit history, newest first. */
    @Query("SELECT * FROM credit_entries WHERE customer_id = :customerId ORDER BY business_time DESC, created_at DESC")
    List<CreditEntry> findByCustomerNewestFirst(UUID customerId);

    /**
     * Serializes every change to a customer's credit until the transaction ends, so two invoices never spend the
     * same credit. A transaction-scoped advisory lock: nothing to clean up, released on commit or rollback.
     */
    @Query("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended('customer-credit-' || :customerId, 0))) held")
    long lockCustomerCredit(String customerId);
}

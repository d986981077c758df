package io.perennial.points;

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
public interface PointsEntryRepository extends CrudRepository<PointsEntry, UUID> {

    /** Books a movement unless its key was booked before; returns 1 when booked now. */
    @Query("""
            INSERT INTO points_entries (id, entry_key, customer_id, kind, points, reason, paid_minor, currency,
                source_key, expires_at, business_time)
            VALUES (:id, :entryKey, :customerId, :kind, :points, :reason, :paidMinor, :currency, :sourceKey,
                :expiresAt, :businessTime)
            ON CONFLICT (entry_key) DO NOTHING
            """)
    int insertOnce(UUID id, String entryKey, UUID customerId, String kind, long points, String reason,
                   @Nullable Long paidMinor, @Nullable String currency, @Nullable String sourceKey,
                   @Nullable Instant expiresAt, Instant businessTime);

    Optional<PointsEntry> findByEntryKey(String entryKey);

    @Query("SELECT COALESCE(SUM(points), 0) FROM points_entries WHERE customer_id = :customerId")
    long balance(UUID customerId);

    /** What clawbacks already took of an earning, as a positive number. */
    @Query("SELECT COALESCE(-SUM(points), 0) FROM points_entries WHERE source_key = :sourceKey AND kind = 'CLAWBACK'")
    long clawedBack(String sourceKey);

    /**
     * What is left of a customer's positive entries that expired by {@code asOf}, spending oldest first: every
     * debit so far (redemptions, clawbacks, earlier expiries, negative adjustments) is taken from the entries that
     * expire first, so what is left of the expired ones is (their sum − all debits), when positive.
     */
    @Query("""
            SELECT GREATEST(0, COALESCE(SUM(points) FILTER (WHERE points > 0 AND expires_at <= :asOf), 0)
                + COALESCE(SUM(points) FILTER (WHERE points < 0), 0))
            FROM points_entries WHERE customer_id = :customerId
            """)
    long expiredLeft(UUID customerId, Instant asOf);

    /** Customers with points left that expired by {@code asOf}. */
    @Query("""
            SELECT customer_id FROM points_entries
            GROUP BY customer_id
            HAVING COALESCE(SUM(points) FILTER (WHERE points > 0 AND expires_at <= :asOf), 0)
                + COALESCE(SUM(points) FILTER (WHERE points < 0), 0) > 0
            ORDER BY customer_id
            """)
    List<UUID> customersWithExpiredPoints(Instant asOf);

    /** A customer's history, newest first, one page. */
    @Query("""
            SELECT * FROM points_entries WHERE customer_id = :customerId
            ORDER BY business_time DESC, created_at DESC, id DESC LIMIT :limit OFFSET :offset
            """)
    List<PointsEntry> page(UUID customerId, int limit, long offset);

    @Query("SELECT count(*) FROM points_entries WHERE customer_id = :customerId")
    long countOfCustomer(UUID customerId);

    @Query("SELECT points_per_unit FROM points_rates WHERE item_type = :itemType AND item_id = :itemId")
    Optional<Integer> rate(String itemType, String itemId);

    @Query("""
            INSERT INTO points_rates (item_type, item_id, points_per_unit) VALUES (:itemType, :itemId, :pointsPerUnit)
            ON CONFLICT (item_type, item_id) DO UPDATE SET points_per_unit = EXCLUDED.points_per_unit, updated_at = now()
            """)
    int setRate(String itemType, String itemId, int pointsPerUnit);

    /** The plan a subscription is on now (the read model), for its rate. */
    @Query("SELECT plan_id FROM subscriptions WHERE id = :subscriptionId")
    Optional<String> planOf(UUID subscriptionId);

    /** The invoice a subscription refund gave money back for. */
    @Query("SELECT p.invoice_id FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE r.id = :refundId")
    Optional<UUID> invoiceOfRefund(UUID refundId);

    /** What succeeded refunds gave back of an invoice's payments. */
    @Query("""
            SELECT COALESCE(SUM(r.amount_minor), 0) FROM refunds r JOIN payments p ON p.id = r.payment_id
            WHERE p.invoice_id = :invoiceId AND r.status = 'SUCCEEDED'
            """)
    long refundedOfInvoice(UUID invoiceId);

    /**
     * Serializes every change to a customer's points until the transaction ends, so two redemptions never spend
     * the same points. A transaction-scoped advisory lock, released on commit or rollback.
     */
    @Query("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended('customer-points-' || :customerId, 0))) held")
    long lockCustomerPoints(String customerId);
}

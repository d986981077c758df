package io.perennial.providerevent;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PaymentDisputeRepository extends CrudRepository<PaymentDispute, UUID> {

    /** Records the dispute once per provider dispute id; 0 when it was recorded before. */
    @Query("""
            INSERT INTO payment_disputes (id, dispute_id, payment_id, invoice_id, subscription_id, amount_minor,
                currency, reason, event_id, opened_at)
            VALUES (:id, :disputeId, :paymentId, :invoiceId, :subscriptionId, :amountMinor, :currency, :reason,
                :eventId, :openedAt)
            ON CONFLICT (dispute_id) DO NOTHING
            """)
    int insertOnce(UUID id, String disputeId, UUID paymentId, @Nullable UUID invoiceId, UUID subscriptionId,
                   long amountMinor, String currency, @Nullable String reason, String eventId, Instant openedAt);

    /** Records a dispute of an order's charge once per provider dispute id; 0 when it was recorded before. */
    @Query("""
            INSERT INTO payment_disputes (id, dispute_id, payment_id, kind, order_id, amount_minor, currency, reason,
                event_id, opened_at)
            VALUES (:id, :disputeId, :paymentId, 'ORDER', :orderId, :amountMinor, :currency, :reason, :eventId,
                :openedAt)
            ON CONFLICT (dispute_id) DO NOTHING
            """)
    int insertOrderDisputeOnce(UUID id, String disputeId, UUID paymentId, String orderId, long amountMinor,
                               String currency, @Nullable String reason, String eventId, Instant openedAt);

    /** Decides an OPEN dispute once: 0 when it is unknown or was decided before. */
    @Query("""
            UPDATE payment_disputes SET status = :status, closed_at = :closedAt, close_event_id = :eventId
            WHERE dispute_id = :disputeId AND status = 'OPEN'
            """)
    int closeOnce(String disputeId, String status, Instant closedAt, String eventId);

    Optional<PaymentDispute> findByDisputeId(String disputeId);

    @Query("SELECT * FROM payment_disputes ORDER BY opened_at DESC, id LIMIT :limit")
    List<PaymentDispute> findLatest(int limit);

    List<PaymentDispute> findByInvoiceIdIn(Collection<UUID> invoiceIds);
}

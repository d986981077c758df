package io.perennial.order;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code orders} read model. Its jsonb columns travel as JSON text, written and read by the application's
 * {@code ObjectMapper} ({@link OrderRecordActivitiesImpl}, {@link OrderReadModel}), so their shape is the one the
 * workflow's records serialize to.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OrderRowRepository extends GenericRepository<OrderRowRepository.OrderRow, String> {

    /**
     * Every column of {@link OrderRow}, in its order; the finders below add their FROM and WHERE. What was refunded is
     * what the provider confirmed on {@code order_refunds} (refunds the order made, and those made at the provider,
     * e.g. in Stripe's Dashboard, which its workflow never hears of), or the workflow's own count while its refund's
     * answer is still being stored.
     */
    String SELECT_ROW = """
            SELECT order_id, customer_id, status, lines, amount_minor, currency, charged_minor,
                GREATEST(refunded_minor, (SELECT COALESCE(SUM(r.amount_minor), 0) FROM order_refunds r
                    WHERE r.order_id = orders.order_id AND r.status = 'SUCCEEDED')) AS refunded_minor,
                shipping_address, backordered_skus, backorder_deadline_at, shipment_id, tracking_number,
                label_reference, pickup_deadline_at, failure_reason, cancellation, history, revision, placed_at,
                updated_at, subscription_id, period, risk, next_action
            """;

    /** A row of {@code orders} with its jsonb columns as text. */
    @Introspected
    record OrderRow(String orderId, UUID customerId, String status, String lines, long amountMinor, String currency,
                    long chargedMinor, long refundedMinor, String shippingAddress, String backorderedSkus,
                    @Nullable Instant backorderDeadlineAt, @Nullable String shipmentId,
                    @Nullable String trackingNumber, @Nullable String labelReference,
                    @Nullable Instant pickupDeadlineAt, @Nullable String failureReason,
                    @Nullable String cancellation, String history, long revision, Instant placedAt,
                    Instant updatedAt, @Nullable UUID subscriptionId, @Nullable Integer period,
                    @Nullable String risk, @Nullable String nextAction) {
    }

    /**
     * Writes the order's state unless the row already holds the same or a newer revision; returns 1 when it wrote.
     * Lines, amount, currency, customer, placing time and subscription are the order's from its first write on.
     * Values the table refuses (a null where it needs one, JSON it cannot hold) are passed on for PostgreSQL to
     * refuse, so the caller sees its SQLState ({@code RefusedData}).
     */
    @Query("""
            INSERT INTO orders (order_id, customer_id, workflow_id, status, lines, amount_minor, currency,
                charged_minor, refunded_minor, shipping_address, backordered_skus, backorder_deadline_at,
                shipment_id, tracking_number, label_reference, pickup_deadline_at, failure_reason, cancellation,
                history, revision, placed_at, updated_at, subscription_id, period, risk, next_action)
            VALUES (:orderId, :customerId, :workflowId, :status, CAST(:lines AS jsonb), :amountMinor, :currency,
                :chargedMinor, :refundedMinor, CAST(:shippingAddress AS jsonb), CAST(:backorderedSkus AS jsonb),
                :backorderDeadlineAt, :shipmentId, :trackingNumber, :labelReference, :pickupDeadlineAt,
                :failureReason, CAST(:cancellation AS jsonb), CAST(:history AS jsonb), :revision, :placedAt,
                :updatedAt, :subscriptionId, :period, CAST(:risk AS jsonb), CAST(:nextAction AS jsonb))
            ON CONFLICT (order_id) DO UPDATE SET
                status = EXCLUDED.status,
                charged_minor = EXCLUDED.charged_minor,
                refunded_minor = EXCLUDED.refunded_minor,
                shipping_address = EXCLUDED.shipping_address,
                backordered_skus = EXCLUDED.backordered_skus,
                backorder_deadline_at = EXCLUDED.backorder_deadline_at,
                shipment_id = EXCLUDED.shipment_id,
                tracking_number = EXCLUDED.tracking_number,
                label_reference = EXCLUDED.label_reference,
                pickup_deadline_at = EXCLUDED.pickup_deadline_at,
                failure_reason = EXCLUDED.failure_reason,
                cancellation = EXCLUDED.cancellation,
                history = EXCLUDED.history,
                revision = EXCLUDED.revision,
                risk = EXCLUDED.risk,
                next_action = EXCLUDED.next_action,
                updated_at = EXCLUDED.updated_at
            WHERE orders.revision < EXCLUDED.revision
            """)
    int upsert(String orderId, UUID customerId, String workflowId, String status, String lines, long amountMinor,
               @Nullable String currency, long chargedMinor, long refundedMinor, @Nullable String shippingAddress,
               @Nullable String backorderedSkus, @Nullable Instant backorderDeadlineAt, @Nullable String shipmentId,
               @Nullable String trackingNumber, @Nullable String labelReference, @Nullable Instant pickupDeadlineAt,
               @Nullable String failureReason, @Nullable String cancellation, @Nullable String history,
               long revision, @Nullable Instant placedAt, @Nullable Instant updatedAt, @Nullable UUID subscriptionId,
               @Nullable Integer period, @Nullable String risk, @Nullable String nextAction);

    @Query(SELECT_ROW + """
            FROM orders WHERE order_id = :orderId
            """)
    Optional<OrderRow> find(String orderId);

    @Query(SELECT_ROW + """
            FROM orders WHERE tracking_number = :trackingNumber
            """)
    List<OrderRow> findByTracking(String trackingNumber);

    /**
     * One page, newest first, after the row ({@code afterPlacedAt}, {@code afterOrderId}) that ended the previous
     * page (both null for the first). Null filters match everything.
     */
    @Query(SELECT_ROW + """
            FROM orders
            WHERE (CAST(:customerId AS uuid) IS NULL OR customer_id = :customerId)
              AND (CAST(:status AS text) IS NULL OR status = :status)
              AND (CAST(:afterPlacedAt AS timestamptz) IS NULL OR (placed_at, order_id) < (:afterPlacedAt, :afterOrderId))
            ORDER BY placed_at DESC, order_id DESC
            LIMIT :limit
            """)
    List<OrderRow> findPage(@Nullable UUID customerId, @Nullable String status, @Nullable Instant afterPlacedAt,
                            @Nullable String afterOrderId, int limit);

    /** How many orders (one-off and boxes) stand at a status, for every status that has any. */
    @Introspected
    record StatusCount(String status, long orders) {
    }

    @Query("SELECT status, COUNT(*) AS orders FROM orders GROUP BY status ORDER BY status")
    List<StatusCount> countByStatus();
}

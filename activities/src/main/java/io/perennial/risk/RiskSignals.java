package io.perennial.risk;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The risk check's reads and its one write: what PostgreSQL knows about an order's customer, card, address and IP
 * ({@link #signals}), and the check itself ({@code order_risk_checks}), stored once per order.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RiskSignals extends GenericRepository<RiskSignals.StoredCheck, String> {

    /** What {@link RiskFacts} is made of, as counted in one statement. */
    @Introspected
    record Signals(@Nullable String email, @Nullable Instant customerCreatedAt, long earlierOrders, long paidOrders,
                   long paidMinor, long recentByCustomer, long recentByCard, long recentByAddress, long recentByIp,
                   boolean cardRefused, boolean addressRefused) {
    }

    /** A stored check. */
    @Introspected
    record StoredCheck(String orderId, int score, String verdict, String rules, int reviewThreshold,
                       int refuseThreshold, long reviewDeadlineSeconds) {
    }

    /**
     * Counts for the order {@code orderId} (never counted itself): the customer's earlier one-off orders and paid
     * ones in {@code currency}, checks within ({@code since}, {@code until}] per customer, card, address and IP, and
     * whether the card or address was on an order, or a subscription's first charge, whose review refused it (a
     * subscription's check is stored as {@code subscription:{id}}, its outcome in {@code subscription_risk_reviews};
     * one its customer canceled during the review is recorded REFUSED by {@code canceled} but was never refused, as
     * an order canceled in review stays IN_REVIEW). A null card or IP matches nothing.
     */
    @Query("""
            SELECT
                (SELECT email FROM customers WHERE id = :customerId) AS email,
                (SELECT created_at FROM customers WHERE id = :customerId) AS customer_created_at,
                (SELECT count(*) FROM orders WHERE customer_id = :customerId AND order_id <> :orderId
                    AND subscription_id IS NULL AND placed_at <= :until) AS earlier_orders,
                (SELECT count(*) FROM orders WHERE customer_id = :customerId AND order_id <> :orderId
                    AND currency = :currency AND charged_minor > 0) AS paid_orders,
                (SELECT COALESCE(sum(charged_minor), 0) FROM orders WHERE customer_id = :customerId
                    AND order_id <> :orderId AND currency = :currency AND charged_minor > 0) AS paid_minor,
                count(*) FILTER (WHERE c.customer_id = :customerId) AS recent_by_customer,
                count(*) FILTER (WHERE c.payment_method = :paymentMethod) AS recent_by_card,
                count(*) FILTER (WHERE c.address_key = :addressKey) AS recent_by_address,
                count(*) FILTER (WHERE c.client_ip = :clientIp) AS recent_by_ip,
                EXISTS (SELECT 1 FROM order_risk_checks r JOIN orders o ON o.order_id = r.order_id
                        WHERE r.order_id <> :orderId AND r.payment_method = :paymentMethod
                          AND o.risk ->> 'status' = 'REFUSED')
                    OR EXISTS (SELECT 1 FROM order_risk_checks r JOIN subscription_risk_reviews s
                            ON r.order_id = 'subscription:' || s.subscription_id
                        WHERE r.order_id <> :orderId AND r.payment_method = :paymentMethod
                          AND s.status = 'REFUSED' AND s.review ->> 'decidedBy' IS DISTINCT FROM 'canceled') AS card_refused,
                EXISTS (SELECT 1 FROM order_risk_checks r JOIN orders o ON o.order_id = r.order_id
                        WHERE r.order_id <> :orderId AND r.address_key = :addressKey
                          AND o.risk ->> 'status' = 'REFUSED')
                    OR EXISTS (SELECT 1 FROM order_risk_checks r JOIN subscription_risk_reviews s
                            ON r.order_id = 'subscription:' || s.subscription_id
                        WHERE r.order_id <> :orderId AND r.address_key = :addressKey
                          AND s.status = 'REFUSED' AND s.review ->> 'decidedBy' IS DISTINCT FROM 'canceled') AS address_refused
            FROM order_risk_checks c
            WHERE c.order_id <> :orderId AND c.checked_at > :since AND c.checked_at <= :until
              AND (c.customer_id = :customerId OR c.payment_method = :paymentMethod OR c.address_key = :addressKey
                   OR c.client_ip = :clientIp)
            """)
    Signals signals(UUID customerId, String orderId, String currency, @Nullable String paymentMethod,
                    @Nullable String addressKey,
                    @Nullable String clientIp, Instant since, Instant until);

    @Query("""
            SELECT order_id, score, verdict, rules, review_threshold, refuse_threshold, review_deadline_seconds
            FROM order_risk_checks WHERE order_id = :orderId
            """)
    Optional<StoredCheck> find(String orderId);

    /** Stores the check unless one is stored for the order already; returns 1 when it stored. */
    @Query("""
            INSERT INTO order_risk_checks (order_id, customer_id, payment_method, address_key, client_ip, amount_minor,
                currency, score, verdict, rules, review_threshold, refuse_threshold, review_deadline_seconds,
                checked_at)
            VALUES (:orderId, :customerId, :paymentMethod, :addressKey, :clientIp, :amountMinor, :currency, :score,
                :verdict, CAST(:rules AS jsonb), :reviewThreshold, :refuseThreshold, :reviewDeadlineSeconds,
                :checkedAt)
            ON CONFLICT (order_id) DO NOTHING
            """)
    int insert(String orderId, UUID customerId, String paymentMethod, @Nullable String addressKey,
               @Nullable String clientIp,
               long amountMinor, String currency, int score, String verdict, String rules, int reviewThreshold,
               int refuseThreshold, long reviewDeadlineSeconds, Instant checkedAt);

    /** A subscription's review as ops list it. */
    @Introspected
    record SubscriptionReview(UUID subscriptionId, UUID customerId, String planId, long amountMinor, String currency,
                              String review, Instant checkedAt, @Nullable Instant reviewDeadlineAt) {
    }

    @Query("""
            INSERT INTO subscription_risk_reviews (subscription_id, customer_id, plan_id, amount_minor, currency,
                status, review, checked_at, review_deadline_at)
            VALUES (:subscriptionId, :customerId, :planId, :amountMinor, :currency, :status, CAST(:review AS jsonb),
                :checkedAt, :reviewDeadlineAt)
            ON CONFLICT (subscription_id) DO UPDATE SET status = EXCLUDED.status, review = EXCLUDED.review
            """)
    int upsertSubscriptionReview(UUID subscriptionId, UUID customerId, String planId, long amountMinor,
                                 String currency, String status, String review, Instant checkedAt,
                                 @Nullable Instant reviewDeadlineAt);

    /** Subscriptions whose first charge waits for a decision, newest first. */
    @Query("""
            SELECT subscription_id, customer_id, plan_id, amount_minor, currency, CAST(review AS text) AS review,
                checked_at, review_deadline_at
            FROM subscription_risk_reviews WHERE status = 'IN_REVIEW'
            ORDER BY checked_at DESC, subscription_id DESC LIMIT :limit
            """)
    java.util.List<SubscriptionReview> findWaitingSubscriptions(int limit);

    /** The page of waiting subscriptions after ({@code checkedAt}, {@code subscriptionId}), newest first. */
    @Query("""
            SELECT subscription_id, customer_id, plan_id, amount_minor, currency, CAST(review AS text) AS review,
                checked_at, review_deadline_at
            FROM subscription_risk_reviews WHERE status = 'IN_REVIEW'
              AND (checked_at, subscription_id) < (:checkedAt, :subscriptionId)
            ORDER BY checked_at DESC, subscription_id DESC LIMIT :limit
            """)
    java.util.List<SubscriptionReview> findWaitingSubscriptionsAfter(Instant checkedAt, UUID subscriptionId,
                                                                     int limit);

    @Query("""
            SELECT subscription_id, customer_id, plan_id, amount_minor, currency, CAST(review AS text) AS review,
                checked_at, review_deadline_at
            FROM subscription_risk_reviews WHERE subscription_id = :subscriptionId
            """)
    Optional<SubscriptionReview> findSubscriptionReview(UUID subscriptionId);
}

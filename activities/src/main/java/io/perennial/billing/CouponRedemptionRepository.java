package io.perennial.billing;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CouponRedemptionRepository extends CrudRepository<CouponRedemptionRecord, UUID> {

    /** Returns 1 when recorded now, 0 when the key was redeemed before (a concurrent insert waits for the first). */
    @Query("""
            INSERT INTO coupon_redemptions (id, redemption_key, code, subscription_id, customer_id, business_time)
            VALUES (:id, :redemptionKey, :code, :subscriptionId, :customerId, :businessTime)
            ON CONFLICT (redemption_key) DO NOTHING
            """)
    int insertOnce(UUID id, String redemptionKey, String code, UUID subscriptionId, UUID customerId,
                   Instant businessTime);

    Optional<CouponRedemptionRecord> findByRedemptionKey(String redemptionKey);

    List<CouponRedemptionRecord> findBySubscriptionIdOrderByBusinessTime(UUID subscriptionId);

    List<CouponRedemptionRecord> findByCodeOrderByBusinessTime(String code);
}

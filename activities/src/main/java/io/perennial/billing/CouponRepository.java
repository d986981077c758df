package io.perennial.billing;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Coupons for the admin API ({@code save}, {@link #findByCode}, {@link #findAllNewestFirst}) and for redeeming. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CouponRepository extends CrudRepository<Coupon, String> {

    /** Case-insensitive: codes are stored upper case. */
    @Query("SELECT * FROM coupons WHERE code = upper(trim(:code))")
    Optional<Coupon> findByCode(String code);

    @Query("SELECT * FROM coupons ORDER BY created_at DESC, code")
    List<Coupon> findAllNewestFirst();

    /** Stops further redemptions; subscriptions that redeemed it keep their terms. */
    @Query("UPDATE coupons SET active = false WHERE code = upper(trim(:code))")
    int deactivate(String code);

    /**
     * Counts one redemption if the coupon is active, not expired at {@code businessTime} and has redemptions left;
     * returns 0 otherwise. The row lock of the UPDATE makes concurrent redemptions queue, so the maximum holds.
     */
    @Query("""
            UPDATE coupons SET times_redeemed = times_redeemed + 1
            WHERE code = :code AND active
              AND (expires_at IS NULL OR expires_at > :businessTime)
              AND (max_redemptions IS NULL OR times_redeemed < max_redemptions)
            """)
    int countRedemption(String code, Instant businessTime);
}

package io.perennial.billing;

import java.time.Instant;

/**
 * A subscription redeeming a coupon or promotion code. Redeemed at most once per {@code redemptionKey}
 * ({@code {subscriptionId}:coupon:{CODE}}), so a retried activity never counts a redemption twice.
 *
 * @param businessTime the workflow's time: expiry is judged against it, not the system clock
 */
public record CouponRedemption(String redemptionKey, String code, String subscriptionId, String customerId,
                               String currency, Instant businessTime) {
}

package io.perennial.billing;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A subscription's redemption of a coupon, once per redemption key ({@code {subscriptionId}:coupon:{CODE}}). */
@MappedEntity("coupon_redemptions")
public record CouponRedemptionRecord(@Id UUID id, String redemptionKey, String code, UUID subscriptionId,
                                     UUID customerId, Instant businessTime, Instant createdAt) {
}

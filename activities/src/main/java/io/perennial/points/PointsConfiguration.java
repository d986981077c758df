package io.perennial.points;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Member points (docs/analytics.md, "Member points").
 *
 * @param pointsPerUnit         points per major unit paid (1 EUR, 1 USD, 1 JPY) for a plan or SKU with no rate of
 *                              its own in {@code points_rates}
 * @param expireAfter           how long after it was earned or granted a point expires
 * @param redemptionPoints      points are redeemed in blocks of this many ...
 * @param redemptionCreditMinor ... each worth this much account credit, in minor units
 * @param redemptionCurrency    the credit's currency when a redemption names none
 */
@ConfigurationProperties("perennial.points")
public record PointsConfiguration(
        @Bindable(defaultValue = "1") int pointsPerUnit,
        @Bindable(defaultValue = "365d") Duration expireAfter,
        @Bindable(defaultValue = "100") int redemptionPoints,
        @Bindable(defaultValue = "100") long redemptionCreditMinor,
        @Bindable(defaultValue = "EUR") String redemptionCurrency) {
}

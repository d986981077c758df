package io.perennial.api.subscription;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Positive;

/**
 * What a referrer earns when someone they referred pays a first invoice, in minor units of that subscription's
 * currency (500 = 5.00 EUR).
 */
@ConfigurationProperties("perennial.referrals")
public record ReferralConfiguration(@Bindable(defaultValue = "500") @Positive long rewardMinor) {
}

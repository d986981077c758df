package io.perennial.api.portal;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The customer portal's settings: whether its cookies are {@code Secure} (everywhere but the embedded mode, which
 * serves plain http://localhost), how long a sign-in lasts, and the coupon offered to a subscriber about to cancel
 * (none when blank; see {@link RetentionOffer}).
 */
@ConfigurationProperties("perennial.portal")
public record PortalConfiguration(@Bindable(defaultValue = "true") boolean secureCookies,
                                  @Bindable(defaultValue = "PT12H") Duration sessionLifetime,
                                  @Nullable String retentionCoupon) {
}

package io.perennial.api.portal;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The customer portal's settings: whether its cookies are {@code Secure} (everywhere but the embedded mode, which
 * serves plain http://localhost) and how long a sign-in lasts.
 */
@ConfigurationProperties("perennial.portal")
public record PortalConfiguration(@Bindable(defaultValue = "true") boolean secureCookies,
                                  @Bindable(defaultValue = "PT12H") Duration sessionLifetime) {
}

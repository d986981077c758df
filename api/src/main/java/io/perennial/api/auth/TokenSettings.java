package io.perennial.api.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

import java.time.Duration;

/**
 * What our tokens say about themselves: the {@code iss} and {@code aud} of every access token (the claims validators
 * accept only these), and how long a refresh token lives.
 */
@ConfigurationProperties("perennial.security.tokens")
public record TokenSettings(@Bindable(defaultValue = "perennial") @NotBlank String issuer,
                            @Bindable(defaultValue = "perennial-api") @NotBlank String audience,
                            @Bindable(defaultValue = "P30D") Duration refreshLifetime) {
}

package io.perennial.api.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Forgotten passwords: how long a mailed link works, how many links an account may be sent an hour, and the
 * portal's public address the links point to. Without one the links point to this server's own address (the
 * embedded mode); never to the request's Host header, which whoever asks for a link controls.
 */
@ConfigurationProperties("perennial.security.password-reset")
public record PasswordResetSettings(@Bindable(defaultValue = "PT30M") Duration linkLifetime,
                                    @Bindable(defaultValue = "3") int linksPerHour,
                                    @Nullable String publicUrl) {
}

package io.perennial.api.auth;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A refresh token, to exchange (refresh) or to revoke (logout). */
@Serdeable
public record RefreshTokenRequest(@NotBlank @Size(max = 128) String refreshToken) {
}

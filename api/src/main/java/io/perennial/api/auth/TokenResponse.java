package io.perennial.api.auth;

import io.micronaut.serde.annotation.Serdeable;

/**
 * @param accessToken  a JWT for {@code Authorization: Bearer}, valid {@code expiresIn} seconds
 * @param refreshToken opaque; exchange it at {@code POST /v1/auth/refresh} for new tokens (it works once)
 */
@Serdeable
public record TokenResponse(String accessToken, String tokenType, Integer expiresIn, String refreshToken) {
}

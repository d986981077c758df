package io.perennial.api.auth;

import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record TokenResponse(String accessToken, String tokenType, Integer expiresIn) {
}

package io.perennial.api.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.UUID;

/**
 * Refuses an access token whose token version ({@link TokenVersions#CLAIM}) is not its user's current one: the user
 * logged out or had their role changed since it was issued. A token without the claim predates versions and counts
 * as version 0, so it works until the user's first logout or role change, or until it expires.
 */
@Singleton
public class TokenVersionValidator<T> implements GenericJwtClaimsValidator<T> {

    private final TokenVersions versions;

    public TokenVersionValidator(TokenVersions versions) {
        this.versions = versions;
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        Object subject = claims.get(Claims.SUBJECT);
        Object claimed = claims.get(TokenVersions.CLAIM);
        long version = claimed instanceof Number number ? number.longValue() : 0;
        return userId(subject).flatMap(versions::current).map(current -> current == version).orElse(false);
    }

    private static Optional<UUID> userId(@Nullable Object subject) {
        try {
            return subject == null ? Optional.empty() : Optional.of(UUID.fromString(subject.toString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

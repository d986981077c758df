package io.perennial.api.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JWTClaimsSetUtils;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Refuses tokens without {@code exp} or {@code iat}, or issued in the future. Micronaut's expiration validator
 * checks {@code exp} only when a token has one, so a token without it would never expire.
 */
@Singleton
public class RequiredTimeClaimsValidator<T> implements GenericJwtClaimsValidator<T> {

    /** How far ahead of our clock another instance's clock may be. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        JWTClaimsSet claimsSet = JWTClaimsSetUtils.jwtClaimsSetFromClaims(claims);
        Date expires = claimsSet.getExpirationTime();
        Date issued = claimsSet.getIssueTime();
        return expires != null && issued != null
                && !issued.toInstant().isAfter(Instant.now().plus(CLOCK_SKEW));
    }
}

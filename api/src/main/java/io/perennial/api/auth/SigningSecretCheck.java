package io.perennial.api.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Stops the API at startup when its HS256 signing secret would let others mint tokens: missing, shorter than 256 bits
 * (RFC 7518 §3.2), or a value printed in guides and samples. The embedded launcher generates a random one; every
 * other deployment supplies {@code JWT_SECRET}.
 */
@Context
public class SigningSecretCheck {
    static final String SECRET = "micronaut.security.token.jwt.signatures.secret.generator.secret";
    static final String BASE64 = "micronaut.security.token.jwt.signatures.secret.generator.base64";
    static final int MIN_BYTES = 32;

    /** Long enough, but published (Micronaut's guides, this repository's history): anyone could sign with them. */
    private static final Set<String> WELL_KNOWN = Set.of(
            "pleasechangethissecretforanewone",
            "test-secret-of-at-least-thirty-two-bytes-for-hs256");
    private static final Set<String> PLACEHOLDER_WORDS = Set.of("changeme", "change-me", "change_me", "changethis");
    /** Random secrets in any encoding (hex, Base64) have many more distinct characters than this. */
    private static final int MIN_DISTINCT_CHARACTERS = 8;

    public SigningSecretCheck(Environment environment) {
        String secret;
        try {
            secret = environment.getProperty(SECRET, String.class).orElse(null);
        } catch (ConfigurationException unresolved) {
            // ${JWT_SECRET} without the variable set.
            secret = null;
        }
        boolean base64 = environment.getProperty(BASE64, Boolean.class).orElse(false);
        problem(secret, base64).ifPresent(problem -> {
            throw new IllegalStateException("Refusing to start: " + problem + " Set JWT_SECRET to at least "
                    + MIN_BYTES + " random bytes, e.g. $(openssl rand -base64 32).");
        });
    }

    /** What is wrong with the secret, if anything. */
    static Optional<String> problem(String secret, boolean base64) {
        if (secret == null || secret.isBlank()) {
            return Optional.of("the JWT signing secret is not set.");
        }
        byte[] key;
        if (base64) {
            try {
                key = Base64.getDecoder().decode(secret.trim());
            } catch (IllegalArgumentException e) {
                return Optional.of("the JWT signing secret is marked base64 but is not valid Base64.");
            }
        } else {
            key = secret.getBytes(StandardCharsets.UTF_8);
        }
        if (key.length < MIN_BYTES) {
            return Optional.of("the JWT signing secret has " + key.length * 8 + " bits; HS256 needs at least "
                    + MIN_BYTES * 8 + ".");
        }
        String lower = secret.toLowerCase(Locale.ROOT);
        if (WELL_KNOWN.contains(lower) || PLACEHOLDER_WORDS.stream().anyMatch(lower::contains)
                || secret.chars().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            return Optional.of("the JWT signing secret is a well-known or placeholder value.");
        }
        return Optional.empty();
    }
}

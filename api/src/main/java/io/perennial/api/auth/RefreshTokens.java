package io.perennial.api.auth;

import io.micronaut.transaction.annotation.Transactional;
import io.perennial.customer.RefreshToken;
import io.perennial.customer.RefreshTokenRepository;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque refresh tokens: 256 random bits, URL-safe Base64, kept in PostgreSQL only as their SHA-256. Every exchange
 * marks the presented token used and issues the next one of its family; a used token presented again was copied
 * (by an attacker, or the attacker already holds the newer one), so the whole family is revoked.
 */
@Singleton
public class RefreshTokens {

    /** What presenting a refresh token led to. */
    public sealed interface Exchange {
        /** The token was live: here is the next one, for this user. */
        record Rotated(UUID userId, String nextToken) implements Exchange {
        }

        /** The token had already been exchanged: its family is now revoked. */
        record Reused(UUID userId, UUID familyId) implements Exchange {
        }

        /** Unknown, expired or revoked. */
        record Invalid() implements Exchange {
        }
    }

    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RefreshTokenRepository tokens;
    private final TokenSettings settings;

    public RefreshTokens(RefreshTokenRepository tokens, TokenSettings settings) {
        this.tokens = tokens;
        this.settings = settings;
    }

    /** The first token of a new sign-in. */
    @Transactional
    public String startFamily(UUID userId) {
        return issue(UUID.randomUUID(), userId, Instant.now());
    }

    @Transactional
    public Exchange exchange(String token) {
        Optional<RefreshToken> found = tokens.findByTokenHash(hash(token));
        if (found.isEmpty()) {
            return new Exchange.Invalid();
        }
        RefreshToken presented = found.get();
        Instant now = Instant.now();
        // Conditional on the row still being live, so of two concurrent exchanges only one rotates.
        if (tokens.markUsed(presented.id(), now) == 1) {
            return new Exchange.Rotated(presented.userId(), issue(presented.familyId(), presented.userId(), now));
        }
        boolean used = tokens.findById(presented.id()).map(current -> current.usedAt() != null).orElse(false);
        if (used) {
            tokens.revokeFamily(presented.familyId(), now);
            return new Exchange.Reused(presented.userId(), presented.familyId());
        }
        return new Exchange.Invalid();
    }

    /** Logout: the token's family can no longer be exchanged. Unknown tokens are ignored. Returns its user. */
    @Transactional
    public Optional<UUID> revokeFamilyOf(String token) {
        Optional<RefreshToken> found = tokens.findByTokenHash(hash(token));
        found.ifPresent(row -> tokens.revokeFamily(row.familyId(), Instant.now()));
        return found.map(RefreshToken::userId);
    }

    /** Every sign-in of the user ends when its access token expires. */
    @Transactional
    public int revokeAllOf(UUID userId) {
        return tokens.revokeAllOfUser(userId, Instant.now());
    }

    private String issue(UUID familyId, UUID userId, Instant now) {
        byte[] random = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        tokens.save(RefreshToken.issue(familyId, userId, hash(token), now, now.plus(settings.refreshLifetime())));
        return token;
    }

    /** Lowercase hex SHA-256; no salt or slow hash is needed for a 256-bit random value. */
    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

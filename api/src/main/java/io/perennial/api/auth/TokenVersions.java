package io.perennial.api.auth;

import io.perennial.customer.UserAccountRepository;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current token version of each user, read from PostgreSQL at most every {@link #CACHED_FOR} per user and
 * instance: a request costs no query most of the time, and a token revoked on another instance stops working there
 * within that time (on this one at once).
 */
@Singleton
public class TokenVersions {

    /** The claim of an access token holding its user's token version. */
    public static final String CLAIM = "tv";
    static final Duration CACHED_FOR = Duration.ofSeconds(5);

    private record Known(long version, long readAtNanos) {
    }

    private final UserAccountRepository users;
    private final Map<UUID, Known> known = new ConcurrentHashMap<>();

    public TokenVersions(UserAccountRepository users) {
        this.users = users;
    }

    /** The user's version now; empty when the user does not exist (any token of theirs is refused). */
    public Optional<Long> current(UUID userId) {
        Known cached = known.get(userId);
        long now = System.nanoTime();
        if (cached != null && now - cached.readAtNanos() < CACHED_FOR.toNanos()) {
            return Optional.of(cached.version());
        }
        Optional<Long> version = users.findTokenVersion(userId);
        version.ifPresentOrElse(found -> known.put(userId, new Known(found, now)), () -> known.remove(userId));
        return version;
    }

    /**
     * The version to sign into a new token, read from PostgreSQL: a cached one may be up to {@link #CACHED_FOR}
     * old, and a token signed with it would stop working once the cache caught up.
     */
    public long forNewToken(UUID userId) {
        known.remove(userId);
        return current(userId).orElse(0L);
    }

    /** Logout or a role change: every access token the user holds stops working. */
    public void revokeAccessTokens(UUID userId) {
        users.incrementTokenVersion(userId);
        known.remove(userId);
    }
}

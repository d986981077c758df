package io.perennial.periodic;

import io.perennial.customer.RefreshTokenRepository;
import io.perennial.idempotency.IdempotencyKeys;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/** The purges that once ran as {@code @Scheduled} methods in every API instance; now one run per Schedule tick. */
@Singleton
public class PurgeActivitiesImpl implements PurgeActivities {

    private static final Logger log = LoggerFactory.getLogger(PurgeActivitiesImpl.class);

    /** A replayed request finds its first answer for this long (the API's Idempotency-Key promise). */
    public static final Duration IDEMPOTENCY_KEYS_KEPT = Duration.ofHours(48);
    /** Expired tokens are refused with or without their row; a day's grace keeps them visible for a while. */
    public static final Duration EXPIRED_TOKENS_KEPT = Duration.ofDays(1);

    private final IdempotencyKeys keys;
    private final RefreshTokenRepository tokens;

    public PurgeActivitiesImpl(IdempotencyKeys keys, RefreshTokenRepository tokens) {
        this.keys = keys;
        this.tokens = tokens;
    }

    @Override
    public PurgeResult purge(PurgeRequest request) {
        Instant now = Instant.now();
        int purged = switch (request.kind()) {
            case IDEMPOTENCY_KEYS -> keys.purge(now.minus(IDEMPOTENCY_KEYS_KEPT));
            case REFRESH_TOKENS -> tokens.purgeExpiredBefore(now.minus(EXPIRED_TOKENS_KEPT));
        };
        if (purged > 0) {
            log.info("Purged {} rows of {}", purged, request.kind());
        }
        return new PurgeResult(request.kind(), purged);
    }
}

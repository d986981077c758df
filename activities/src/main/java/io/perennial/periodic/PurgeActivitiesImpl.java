package io.perennial.periodic;

import io.perennial.customer.PasswordResetRepository;
import io.perennial.customer.PortalSessionRepository;
import io.perennial.customer.RefreshTokenRepository;
import io.perennial.event.BusinessClock;
import io.perennial.event.EventConfiguration;
import io.perennial.event.EventRepository;
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
    private final EventRepository events;
    private final EventConfiguration eventConfiguration;
    private final PortalSessionRepository portalSessions;
    private final PasswordResetRepository passwordResets;

    public PurgeActivitiesImpl(IdempotencyKeys keys, RefreshTokenRepository tokens, EventRepository events,
                               EventConfiguration eventConfiguration, PortalSessionRepository portalSessions,
                               PasswordResetRepository passwordResets) {
        this.portalSessions = portalSessions;
        this.passwordResets = passwordResets;
        this.keys = keys;
        this.tokens = tokens;
        this.events = events;
        this.eventConfiguration = eventConfiguration;
    }

    @Override
    public PurgeResult purge(PurgeRequest request) {
        Instant now = Instant.now();
        int purged = switch (request.kind()) {
            case IDEMPOTENCY_KEYS -> keys.purge(now.minus(IDEMPOTENCY_KEYS_KEPT));
            // Every lapsed sign-in credential: refresh tokens, portal sessions (expired or signed out) and
            // password-reset links, under the one Schedule that already purged refresh tokens.
            case REFRESH_TOKENS -> tokens.purgeExpiredBefore(now.minus(EXPIRED_TOKENS_KEPT))
                    + portalSessions.purgeEndedBefore(now.minus(EXPIRED_TOKENS_KEPT))
                    + passwordResets.purgeExpiredBefore(now.minus(EXPIRED_TOKENS_KEPT));
            // Events are dated in business time, so their age is measured on the workflow's clock too.
            case EVENTS -> events.purgeCreatedBefore(BusinessClock.now().minus(eventConfiguration.retention()));
        };
        if (purged > 0) {
            log.info("Purged {} rows of {}", purged, request.kind());
        }
        return new PurgeResult(request.kind(), purged);
    }
}

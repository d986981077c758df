package io.perennial.api.portal;

import io.micronaut.http.HttpRequest;
import io.micronaut.transaction.annotation.Transactional;
import io.perennial.customer.PortalSessionRepository;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Portal sign-ins: {@link BrowserSessions} in the {@code perennial_portal} cookie scoped to {@code /portal}. */
@Singleton
public class PortalSessions extends BrowserSessions {

    public static final String COOKIE = "perennial_portal";
    public static final String PATH = "/portal";
    private static final Kind PORTAL = new Kind(COOKIE, PATH, "");

    private final PortalSessionRepository sessions;

    public PortalSessions(PortalSessionRepository sessions, PortalConfiguration configuration) {
        super(sessions, PORTAL, configuration.sessionLifetime(), configuration);
        this.sessions = sessions;
    }

    /** After a password change: every other browser signed in as this user is signed out. */
    @Transactional
    public void endAllOf(UUID userId) {
        sessions.endAllOf(userId, Instant.now());
    }

    static boolean isPortal(String path) {
        return isUnder(PORTAL, path);
    }

    static Optional<String> idOf(HttpRequest<?> request) {
        return idOf(request, PORTAL);
    }

    static String hash(String id) {
        return hash(PORTAL, id);
    }
}

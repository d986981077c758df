package io.perennial.api.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.transaction.annotation.Transactional;
import io.perennial.api.portal.PortalConfiguration;
import io.perennial.api.portal.PortalSessions;
import io.perennial.customer.PortalSession;
import io.perennial.customer.PortalSessionRepository;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Staff sign-ins to the console, kept like the portal's (random 256-bit id in an HttpOnly SameSite=Lax cookie,
 * only its SHA-256 in {@code portal_sessions}, a new id at every sign-in) but in a cookie of their own scoped to
 * {@code /console}. The stored hash is of {@code console:} and the id, so a customer's portal session id put into
 * the console cookie names no session, nor a console id in the portal cookie.
 */
@Singleton
public class ConsoleSessions {

    public static final String COOKIE = "perennial_console";
    public static final String PATH = "/console";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PortalSessionRepository sessions;
    private final ConsoleConfiguration configuration;
    private final PortalConfiguration cookies;

    public ConsoleSessions(PortalSessionRepository sessions, ConsoleConfiguration configuration,
                           PortalConfiguration cookies) {
        this.sessions = sessions;
        this.configuration = configuration;
        this.cookies = cookies;
    }

    @Transactional
    public Cookie start(UUID userId) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = Instant.now();
        sessions.save(PortalSession.start(userId, hash(id), now, now.plus(configuration.sessionLifetime())));
        return cookie(id, configuration.sessionLifetime());
    }

    public Optional<UUID> userOf(HttpRequest<?> request) {
        return idOf(request).flatMap(id -> sessions.findLive(hash(id), Instant.now())).map(PortalSession::userId);
    }

    @Transactional
    public Cookie end(HttpRequest<?> request) {
        idOf(request).ifPresent(id -> sessions.end(hash(id), Instant.now()));
        return cookie("", Duration.ZERO);
    }

    static boolean isConsole(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    static Optional<String> idOf(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).filter(value -> !value.isBlank());
    }

    static String hash(String id) {
        return PortalSessions.hash("console:" + id);
    }

    private Cookie cookie(String value, Duration maxAge) {
        return Cookie.of(COOKIE, value).httpOnly(true).secure(cookies.secureCookies()).sameSite(SameSite.Lax)
                .path(PATH).maxAge(maxAge);
    }
}

package io.perennial.api.portal;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.transaction.annotation.Transactional;
import io.perennial.customer.PortalSession;
import io.perennial.customer.PortalSessionRepository;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Portal sign-ins: a random 256-bit session id in an HttpOnly, SameSite=Lax cookie scoped to {@code /portal}, kept
 * in PostgreSQL as its SHA-256 only. Every sign-in makes a new id (a session id planted before sign-in is never
 * promoted: no fixation). The JSON API never reads this cookie; it keeps bearer tokens.
 */
@Singleton
public class PortalSessions {

    public static final String COOKIE = "perennial_portal";
    public static final String PATH = "/portal";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PortalSessionRepository sessions;
    private final PortalConfiguration configuration;

    public PortalSessions(PortalSessionRepository sessions, PortalConfiguration configuration) {
        this.sessions = sessions;
        this.configuration = configuration;
    }

    /** Starts a sign-in and answers the cookie that carries it; the caller ends the session it replaces. */
    @Transactional
    public Cookie start(UUID userId) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = Instant.now();
        sessions.save(PortalSession.start(userId, hash(id), now, now.plus(configuration.sessionLifetime())));
        return cookie(id, configuration.sessionLifetime());
    }

    /** The user of the request's live session, if it has one. */
    public Optional<UUID> userOf(HttpRequest<?> request) {
        return idOf(request).flatMap(id -> sessions.findLive(hash(id), Instant.now())).map(PortalSession::userId);
    }

    /** Ends the request's session, if any, and answers the cookie that clears it from the browser. */
    @Transactional
    public Cookie end(HttpRequest<?> request) {
        idOf(request).ifPresent(id -> sessions.end(hash(id), Instant.now()));
        return cookie("", Duration.ZERO);
    }

    /** After a password change: every other browser signed in as this user is signed out. */
    @Transactional
    public void endAllOf(UUID userId) {
        sessions.endAllOf(userId, Instant.now());
    }

    static boolean isPortal(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    static Optional<String> idOf(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).filter(value -> !value.isBlank());
    }

    private Cookie cookie(String value, Duration maxAge) {
        return Cookie.of(COOKIE, value).httpOnly(true).secure(configuration.secureCookies()).sameSite(SameSite.Lax)
                .path(PATH).maxAge(maxAge);
    }

    /** Lowercase hex SHA-256; a 256-bit random value needs no salt or slow hash. */
    public static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

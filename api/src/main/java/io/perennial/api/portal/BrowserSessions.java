package io.perennial.api.portal;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.transaction.annotation.Transactional;
import io.perennial.customer.PortalSession;
import io.perennial.customer.PortalSessionRepository;

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
 * Browser sign-ins, the one mechanism behind the portal's and the console's: a random 256-bit session id in an
 * HttpOnly, SameSite=Lax cookie (Secure outside the embedded mode) scoped to the pages' path, kept in PostgreSQL
 * ({@code portal_sessions}) as a SHA-256 only. Every sign-in makes a new id (a session id planted before sign-in is
 * never promoted: no fixation). What differs between the two is a {@link Kind}. The JSON API never reads these
 * cookies; it keeps bearer tokens.
 */
public abstract class BrowserSessions {

    /**
     * What tells one kind of browser session from another, besides how long a sign-in lasts: its cookie's name and
     * path, and the prefix hashed with the id, so that an id put into the other kind's cookie names no session.
     */
    public record Kind(String cookie, String path, String hashPrefix) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PortalSessionRepository sessions;
    private final Kind kind;
    private final Duration lifetime;
    private final boolean secureCookies;

    protected BrowserSessions(PortalSessionRepository sessions, Kind kind, Duration lifetime,
                              PortalConfiguration cookies) {
        this.sessions = sessions;
        this.kind = kind;
        this.lifetime = lifetime;
        this.secureCookies = cookies.secureCookies();
    }

    /** Starts a sign-in and answers the cookie that carries it; the caller ends the session it replaces. */
    @Transactional
    public Cookie start(UUID userId) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = Instant.now();
        sessions.save(PortalSession.start(userId, hash(kind, id), now, now.plus(lifetime)));
        return cookie(id, lifetime);
    }

    /** The user of the request's live session, if it has one. */
    public Optional<UUID> userOf(HttpRequest<?> request) {
        return idOf(request, kind).flatMap(id -> sessions.findLive(hash(kind, id), Instant.now()))
                .map(PortalSession::userId);
    }

    /** Ends the request's session, if any, and answers the cookie that clears it from the browser. */
    @Transactional
    public Cookie end(HttpRequest<?> request) {
        idOf(request, kind).ifPresent(id -> sessions.end(hash(kind, id), Instant.now()));
        return cookie("", Duration.ZERO);
    }

    private Cookie cookie(String value, Duration maxAge) {
        return Cookie.of(kind.cookie(), value).httpOnly(true).secure(secureCookies).sameSite(SameSite.Lax)
                .path(kind.path()).maxAge(maxAge);
    }

    /** Whether a path is one of this kind's pages. */
    protected static boolean isUnder(Kind kind, String path) {
        return path.equals(kind.path()) || path.startsWith(kind.path() + "/");
    }

    /** The session id the request's cookie of this kind carries, if any. */
    protected static Optional<String> idOf(HttpRequest<?> request, Kind kind) {
        return request.getCookies().findCookie(kind.cookie()).map(Cookie::getValue).filter(value -> !value.isBlank());
    }

    /** What is stored of an id of this kind. */
    protected static String hash(Kind kind, String id) {
        return sha256(kind.hashPrefix() + id);
    }

    /** Lowercase hex SHA-256; a 256-bit random value needs no salt or slow hash. */
    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

package io.perennial.api.portal;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.session.SessionIdResolver;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The portal session for Micronaut Security's CSRF tokens, which are an HMAC over it: a token minted for one
 * session (or for the signed-out visitor) is refused in another. The hash, not the id, goes into the HMAC.
 */
@Singleton
public class PortalSessionIdResolver implements SessionIdResolver<HttpRequest<?>> {

    @Override
    public Optional<String> findSessionId(HttpRequest<?> request) {
        return PortalSessions.idOf(request).map(PortalSessions::hash);
    }
}

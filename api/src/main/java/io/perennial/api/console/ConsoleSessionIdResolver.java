package io.perennial.api.console;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.session.SessionIdResolver;
import io.perennial.api.portal.PortalSessionIdResolver;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The session Micronaut Security's CSRF tokens are bound to: on console pages the console's, elsewhere the portal's
 * (the resolver it replaces, since there is only one). A token minted for a portal tab is refused on the console.
 */
@Singleton
@Replaces(PortalSessionIdResolver.class)
public class ConsoleSessionIdResolver implements SessionIdResolver<HttpRequest<?>> {

    private final PortalSessionIdResolver portal = new PortalSessionIdResolver();

    @Override
    public Optional<String> findSessionId(HttpRequest<?> request) {
        if (ConsoleSessions.isConsole(request.getPath())) {
            return ConsoleSessions.idOf(request).map(ConsoleSessions::hash);
        }
        return portal.findSessionId(request);
    }
}

package io.perennial.api.console;

import io.micronaut.http.HttpRequest;
import io.perennial.api.portal.BrowserSessions;
import io.perennial.api.portal.PortalConfiguration;
import io.perennial.customer.PortalSessionRepository;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Staff sign-ins to the console: {@link BrowserSessions} like the portal's, but in a cookie of their own scoped to
 * {@code /console}, with the console's (shorter) lifetime. The stored hash is of {@code console:} and the id, so a
 * customer's portal session id put into the console cookie names no session, nor a console id in the portal cookie.
 */
@Singleton
public class ConsoleSessions extends BrowserSessions {

    public static final String COOKIE = "perennial_console";
    public static final String PATH = "/console";
    private static final Kind CONSOLE = new Kind(COOKIE, PATH, "console:");

    public ConsoleSessions(PortalSessionRepository sessions, ConsoleConfiguration configuration,
                           PortalConfiguration cookies) {
        super(sessions, CONSOLE, configuration.sessionLifetime(), cookies);
    }

    static boolean isConsole(String path) {
        return isUnder(CONSOLE, path);
    }

    static Optional<String> idOf(HttpRequest<?> request) {
        return idOf(request, CONSOLE);
    }

    static String hash(String id) {
        return hash(CONSOLE, id);
    }
}

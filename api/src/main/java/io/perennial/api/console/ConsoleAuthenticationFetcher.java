package io.perennial.api.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.perennial.api.auth.CurrentUser;
import io.perennial.customer.UserAccount;
import io.perennial.customer.UserAccountRepository;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is signed in to the console, from its cookie, on console pages only (the JSON API keeps bearer tokens). The
 * Authentication carries the user's role as an access token would; the pages refuse anyone but OPS and ADMIN.
 */
@Singleton
public class ConsoleAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private final ConsoleSessions sessions;
    private final UserAccountRepository users;

    public ConsoleAuthenticationFetcher(ConsoleSessions sessions, UserAccountRepository users) {
        this.sessions = sessions;
        this.users = users;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (!ConsoleSessions.isConsole(request.getPath()) || ConsoleSessions.idOf(request).isEmpty()) {
            return Mono.empty();
        }
        return Mono.defer(() -> Mono.justOrEmpty(sessions.userOf(request).flatMap(users::findById)
                .map(ConsoleAuthenticationFetcher::authentication)));
    }

    private static Authentication authentication(UserAccount user) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("email", user.email());
        CurrentUser.addAccountClaims(claims, user);
        return Authentication.build(user.id().toString(), List.of(user.role().name()), claims);
    }
}

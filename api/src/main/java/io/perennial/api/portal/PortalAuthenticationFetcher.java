package io.perennial.api.portal;

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
 * Who is signed in to the portal, from its session cookie, and only on portal pages: on the JSON API the cookie
 * means nothing, so a page elsewhere cannot drive the API with a visitor's cookie. The Authentication carries the
 * same name, role and customer claim as an access token, so the services' ownership checks apply unchanged.
 */
@Singleton
public class PortalAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private final PortalSessions sessions;
    private final UserAccountRepository users;

    public PortalAuthenticationFetcher(PortalSessions sessions, UserAccountRepository users) {
        this.sessions = sessions;
        this.users = users;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (!PortalSessions.isPortal(request.getPath())|| PortalSessions.idOf(request).isEmpty()) {
            return Mono.empty();
        }
        // Asked in line, as TokenVersionValidator asks for a token's version: one indexed lookup per portal request.
        return Mono.defer(() -> Mono.justOrEmpty(sessions.userOf(request).flatMap(users::findById)
                .map(this::authentication)));
    }

    private Authentication authentication(UserAccount user) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("email", user.email());
        CurrentUser.addAccountClaims(claims, user);
        return Authentication.build(user.id().toString(), List.of(user.role().name()), claims);
    }
}

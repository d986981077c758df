package io.perennial.api.portal;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.handlers.RedirectingLoginHandler;
import io.perennial.api.auth.ProviderSignIn;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.UUID;

/**
 * Where the provider's callback ends: signed in, the portal's own session cookie (as after a password sign-in: the
 * session the browser came with ends, the new id is one it has never seen); refused, the sign-in page saying why.
 * The JSON API never comes here: it signs in with passwords and bearer tokens only.
 */
@Singleton
public class PortalProviderLoginHandler implements RedirectingLoginHandler<HttpRequest<?>, MutableHttpResponse<?>> {

    /** Reasons the sign-in page has a message for; anything else (a bad state, an expired code) is "failed". */
    static final Set<String> REASONS = Set.of(ProviderSignIn.UNVERIFIED_EMAIL, ProviderSignIn.STAFF_ACCOUNT);

    private final PortalSessions sessions;

    public PortalProviderLoginHandler(PortalSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public MutableHttpResponse<?> loginSuccess(Authentication authentication, HttpRequest<?> request) {
        sessions.end(request);
        return PortalPages.redirect(PortalSessions.PATH + "/subscriptions")
                .cookie(sessions.start(UUID.fromString(authentication.getName())));
    }

    @Override
    public MutableHttpResponse<?> loginRefresh(Authentication authentication, String refreshToken,
                                               HttpRequest<?> request) {
        throw new UnsupportedOperationException("the portal keeps no provider refresh tokens");
    }

    @Override
    public MutableHttpResponse<?> loginFailed(AuthenticationResponse response, HttpRequest<?> request) {
        String reason = response.getMessage().filter(REASONS::contains).orElse("failed");
        return PortalPages.redirect(PortalSessions.PATH + "/signin?provider-refused=" + reason);
    }
}

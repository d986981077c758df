package io.perennial.api.portal;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.token.response.DefaultOpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdClaims;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import io.perennial.api.auth.ProviderSignIn;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.ExecutorService;

/**
 * After Micronaut Security has exchanged the code (with its PKCE verifier) and checked the ID token (signature from
 * the provider's JWKS, issuer, audience, expiry, nonce), the token's claims name the account: {@link ProviderSignIn}
 * decides which, or refuses. The answer is the account's user id, from which {@link PortalProviderLoginHandler}
 * starts the portal's own cookie session; the provider's tokens are not kept.
 */
@Singleton
@Replaces(DefaultOpenIdAuthenticationMapper.class)
public class PortalProviderSignIn implements OpenIdAuthenticationMapper {

    private final ProviderSignIn signIn;
    private final ExecutorService blocking;

    public PortalProviderSignIn(ProviderSignIn signIn, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.signIn = signIn;
        this.blocking = blocking;
    }

    @Override
    public Publisher<AuthenticationResponse> createAuthenticationResponse(String providerName,
                                                                          OpenIdTokenResponse tokenResponse,
                                                                          OpenIdClaims claims,
                                                                          @Nullable State state) {
        // The token exchange answered on an HTTP client thread; PostgreSQL is asked on the blocking pool.
        return Mono.fromCallable(() -> answer(signIn.signIn(providerName, claims.getSubject(), claims.getEmail(),
                        claims.isEmailVerified(), claims.getName())))
                .subscribeOn(Schedulers.fromExecutorService(blocking));
    }

    private static AuthenticationResponse answer(ProviderSignIn.Outcome outcome) {
        if (outcome instanceof ProviderSignIn.Outcome.SignedIn signedIn) {
            return AuthenticationResponse.success(signedIn.user().id().toString());
        }
        return AuthenticationResponse.failure(((ProviderSignIn.Outcome.Refused) outcome).reason());
    }
}

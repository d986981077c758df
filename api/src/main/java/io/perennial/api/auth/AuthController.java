package io.perennial.api.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

@Controller("/v1/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
public class AuthController {

    private final AccountService accounts;
    private final SessionTokens sessions;

    public AuthController(AccountService accounts, SessionTokens sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @Post("/register")
    public HttpResponse<CustomerView> register(@Body @Valid RegisterRequest request) {
        return HttpResponse.created(accounts.register(request));
    }

    @Post("/login")
    public TokenResponse login(HttpRequest<?> http, @Body @Valid LoginRequest request) {
        return accounts.login(request, clientAddress(http));
    }

    /** A new access token and a new refresh token for a live refresh token, which is used up by this. */
    @Post("/refresh")
    public TokenResponse refresh(HttpRequest<?> http, @Body @Valid RefreshTokenRequest request) {
        return sessions.refresh(request.refreshToken(), clientAddress(http));
    }

    /** Revokes the refresh token's sign-in; the access token in hand lapses on its own within minutes. */
    @Post("/logout")
    public HttpResponse<Void> logout(@Body @Valid RefreshTokenRequest request) {
        sessions.signOut(request.refreshToken());
        return HttpResponse.noContent();
    }

    private static String clientAddress(HttpRequest<?> http) {
        return http.getRemoteAddress().getAddress().getHostAddress();
    }
}

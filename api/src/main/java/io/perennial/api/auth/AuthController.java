package io.perennial.api.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

@BillingUsersMay
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
    @Status(HttpStatus.CREATED)
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    public HttpResponse<CustomerView> register(@Body @Valid RegisterRequest request) {
        return HttpResponse.created(accounts.register(request));
    }

    @Post("/login")
    @ProblemResponses.InvalidBody
    @ApiResponse(responseCode = "401", description = "The email or password is wrong (invalid-credentials)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ProblemResponses.TooManyLogins
    public TokenResponse login(HttpRequest<?> http, @Body @Valid LoginRequest request) {
        return accounts.login(request, clientAddress(http));
    }

    /** A new access token and a new refresh token for a live refresh token, which is used up by this. */
    @Post("/refresh")
    @ProblemResponses.InvalidBody
    @ProblemResponses.Unauthenticated
    public TokenResponse refresh(HttpRequest<?> http, @Body @Valid RefreshTokenRequest request) {
        return sessions.refresh(request.refreshToken(), clientAddress(http));
    }

    /** Revokes the refresh token's sign-in; the access token in hand lapses on its own within minutes. */
    @Post("/logout")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponses.InvalidBody
    public HttpResponse<Void> logout(@Body @Valid RefreshTokenRequest request) {
        sessions.signOut(request.refreshToken());
        return HttpResponse.noContent();
    }

    private static String clientAddress(HttpRequest<?> http) {
        return http.getRemoteAddress().getAddress().getHostAddress();
    }
}

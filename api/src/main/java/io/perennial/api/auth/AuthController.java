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

@Controller("/v1/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
public class AuthController {

    private final AccountService accounts;

    public AuthController(AccountService accounts) {
        this.accounts = accounts;
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
        return accounts.login(request, http.getRemoteAddress().getAddress().getHostAddress());
    }
}

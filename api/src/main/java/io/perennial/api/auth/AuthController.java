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

    public AuthController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Post("/register")
    public HttpResponse<CustomerView> register(@Body @Valid RegisterRequest request) {
        return HttpResponse.created(accounts.register(request));
    }

    @Post("/login")
    public TokenResponse login(HttpRequest<?> http, @Body @Valid LoginRequest request) {
        return accounts.login(request, http.getRemoteAddress().getAddress().getHostAddress());
    }
}

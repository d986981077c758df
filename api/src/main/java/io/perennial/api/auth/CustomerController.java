package io.perennial.api.auth;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.problem.ProblemResponses;

/** The signed-in customer's own profile, including the referral code to share. */
@Controller("/v1/customers")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ProblemResponses.Unauthenticated
public class CustomerController {

    private final AccountService accounts;

    public CustomerController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Get("/me")
    @ProblemResponses.Forbidden
    public CustomerView me(Authentication authentication) {
        return accounts.customer(CurrentUser.of(authentication));
    }
}

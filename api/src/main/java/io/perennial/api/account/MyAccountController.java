package io.perennial.api.account;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ProblemResponses;

/** The signed-in customer's own data: export it all, or delete the account. */
@Controller("/v1/customers/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class MyAccountController {

    private final AccountExport export;
    private final AccountDeletion deletion;

    public MyAccountController(AccountExport export, AccountDeletion deletion) {
        this.export = export;
        this.deletion = deletion;
    }

    /** Everything held about the caller: profile, subscriptions, invoices, payments, orders, points. */
    @Get("/export")
    public MyData export(Authentication authentication) {
        return export.export(CurrentUser.of(authentication));
    }

    /**
     * Deletes the caller's account: live subscriptions are canceled at once, personal data is erased, and the
     * account can no longer sign in. Invoices and payments stay for accounting, without a name or email.
     */
    @Delete
    @Status(HttpStatus.NO_CONTENT)
    public HttpResponse<Void> delete(Authentication authentication) {
        deletion.delete(CurrentUser.of(authentication));
        return HttpResponse.noContent();
    }
}

package io.perennial.api.account;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.customer.AccountRole;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The users of the caller's company account (OWNER or BILLING), managed by its owners: a billing user is refused
 * with 403, another account's user is a 404, and removing or demoting the last owner is a 409.
 */
@Controller("/v1/customers/me/users")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class AccountUsersController {

    /** Someone to add: they are mailed a link to set their password. */
    @Serdeable
    public record AddUser(@NotBlank @Email @Size(max = 254) String email, @NotNull AccountRole role) {
    }

    @Serdeable
    public record ChangeRole(@NotNull AccountRole role) {
    }

    private final AccountUsers users;

    public AccountUsersController(AccountUsers users) {
        this.users = users;
    }

    @Get
    @Operation(operationId = "listAccountUsers")
    public List<AccountUserView> list(Authentication authentication) {
        return users.list(CurrentUser.of(authentication));
    }

    /** 201; 409 {@code email-taken} when the email signs in already, {@code not-a-company-account} for a person. */
    @Post
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "addAccountUser")
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    public AccountUserView add(Authentication authentication, HttpRequest<?> request, @Body @Valid AddUser user) {
        return users.add(CurrentUser.of(authentication), user.email(), user.role(),
                request.getLocale().orElse(Locale.ENGLISH));
    }

    /** The user's access tokens end at once; the next sign-in (or refresh) carries the new role. */
    @Put("/{id}/role")
    @Operation(operationId = "changeAccountUserRole")
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public AccountUserView changeRole(Authentication authentication, UUID id, @Body @Valid ChangeRole change) {
        return users.changeRole(CurrentUser.of(authentication), id, change.role());
    }

    /** The user can no longer sign in; 409 {@code last-owner} for the account's last owner. */
    @Delete("/{id}")
    @Operation(operationId = "removeAccountUser")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public HttpResponse<Void> remove(Authentication authentication, UUID id) {
        users.remove(CurrentUser.of(authentication), id);
        return HttpResponse.noContent();
    }
}

package io.perennial.api.auth;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.perennial.api.problem.ProblemResponses;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.UUID;

/** Staff accounts, managed by admins only: created with a role, moved between OPS and ADMIN; both audited. */
@Controller("/v1/admin/users")
@Secured("ADMIN")
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class UserAdminController {

    private final UserAdministration administration;

    public UserAdminController(UserAdministration administration) {
        this.administration = administration;
    }

    @Post
    @Status(HttpStatus.CREATED)
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    public HttpResponse<UserView> create(Authentication authentication, @Body @Valid CreateStaffRequest request) {
        UserView created = administration.createStaff(CurrentUser.of(authentication), request);
        return HttpResponse.created(created, URI.create("/v1/admin/users/" + created.id()));
    }

    @Get("/{userId}")
    @ProblemResponses.InvalidRequest
    @ProblemResponses.NotFound
    public UserView user(UUID userId) {
        return administration.user(userId);
    }

    @Put("/{userId}/role")
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public UserView changeRole(Authentication authentication, UUID userId, @Body @Valid ChangeRoleRequest request) {
        return administration.changeRole(CurrentUser.of(authentication), userId, request);
    }
}

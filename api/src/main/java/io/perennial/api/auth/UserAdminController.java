package io.perennial.api.auth;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.UUID;

/** Staff accounts, managed by admins only: created with a role, moved between OPS and ADMIN; both audited. */
@Controller("/v1/admin/users")
@Secured("ADMIN")
public class UserAdminController {

    private final UserAdministration administration;

    public UserAdminController(UserAdministration administration) {
        this.administration = administration;
    }

    @Post
    public HttpResponse<UserView> create(Authentication authentication, @Body @Valid CreateStaffRequest request) {
        UserView created = administration.createStaff(CurrentUser.of(authentication), request);
        return HttpResponse.created(created, URI.create("/v1/admin/users/" + created.id()));
    }

    @Get("/{userId}")
    public UserView user(UUID userId) {
        return administration.user(userId);
    }

    @Put("/{userId}/role")
    public UserView changeRole(Authentication authentication, UUID userId, @Body @Valid ChangeRoleRequest request) {
        return administration.changeRole(CurrentUser.of(authentication), userId, request);
    }
}

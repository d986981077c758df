package io.perennial.api.auth;

import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.RouteAttributes;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.customer.AccountRole;

import java.util.Set;

/**
 * A BILLING user of a customer account reads what the account's owners read, but changes only what a route marked
 * {@link BillingUsersMay} changes; every other change is a 403 {@code account-role-forbidden} problem, answered after
 * authentication and before the controller. Refusing by default keeps a new route closed to them.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AccountRoleFilter implements Ordered {

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    /** Whether a user of this role may call a changing route with this metadata: owners all, billing users some. */
    public static boolean mayChange(AccountRole role, AnnotationMetadata route) {
        return role == AccountRole.OWNER || route.hasAnnotation(BillingUsersMay.class);
    }

    @RequestFilter
    public @Nullable HttpResponse<Problem> refuseChangesOutsideTheRole(HttpRequest<?> request) {
        if (READS.contains(request.getMethod())) {
            return null;
        }
        var caller = request.getUserPrincipal(Authentication.class)
                .filter(authentication -> authentication.getAttributes().containsKey(CurrentUser.CUSTOMER_ID_CLAIM));
        if (caller.isEmpty()) {
            return null;
        }
        AccountRole role = CurrentUser.accountRoleOf(caller.get());
        if (RouteAttributes.getRouteMatch(request).map(route -> {
            AnnotationMetadata metadata = route.getRouteInfo().getAnnotationMetadata();
            return metadata.hasStereotype(AccountRoleRefusedAsPage.class) || mayChange(role, metadata);
        }).orElse(true)) {
            // No route: the router answers 404 or 405 as for anyone.
            return null;
        }
        Problem problem = ApiProblems.accountRoleForbidden(role).problem();
        return HttpResponse.<Problem>status(io.micronaut.http.HttpStatus.FORBIDDEN)
                .contentType(Problem.MEDIA_TYPE)
                .body(new Problem(problem.type(), problem.title(), problem.status(), problem.detail(),
                        request.getPath(), null));
    }
}

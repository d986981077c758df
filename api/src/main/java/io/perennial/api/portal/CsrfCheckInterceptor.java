package io.perennial.api.portal;

import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.csrf.validator.CsrfTokenValidator;
import io.perennial.api.auth.AccountRoleFilter;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.customer.AccountRole;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Refuses a portal POST whose form has no CSRF token, or one not minted for this browser's cookie and session; then
 * a billing user's change that their role does not allow (the API's rule, answered as a page).
 */
@Singleton
@InterceptorBean(CsrfChecked.class)
public class CsrfCheckInterceptor extends FormCsrfCheck {

    private static final Logger log = LoggerFactory.getLogger(CsrfCheckInterceptor.class);

    private final PortalPages pages;

    public CsrfCheckInterceptor(CsrfTokenValidator<HttpRequest<?>> validator, PortalPages pages) {
        super(validator);
        this.pages = pages;
    }

    @Override
    protected Object refusal(HttpRequest<?> request) {
        return pages.page(request, HttpStatus.FORBIDDEN, "portal/problem", Map.of("problem",
                new Problem(ApiProblems.BASE + "csrf", "Forbidden", 403,
                        pages.message(request, "problem.csrf"), request.getPath(), null)));
    }

    @Override
    protected Object refusalAfterToken(MethodInvocationContext<Object, Object> context, HttpRequest<?> request) {
        AccountRole role = request.getUserPrincipal(Authentication.class).map(CurrentUser::accountRoleOf)
                .orElse(AccountRole.OWNER);
        if (AccountRoleFilter.mayChange(role, context.getAnnotationMetadata())) {
            return null;
        }
        log.info("{} refused to a {} user of a company account", request.getPath(), role);
        return pages.page(request, HttpStatus.FORBIDDEN, "portal/problem", Map.of("problem",
                new Problem(ApiProblems.BASE + "account-role-forbidden", "Forbidden", 403,
                        pages.message(request, "problem.accountRole"), request.getPath(), null)));
    }
}

package io.perennial.api.portal;

import io.micronaut.aop.InterceptorBean;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.csrf.validator.CsrfTokenValidator;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import jakarta.inject.Singleton;

import java.util.Map;

/** Refuses a portal POST whose form has no CSRF token, or one not minted for this browser's cookie and session. */
@Singleton
@InterceptorBean(CsrfChecked.class)
public class CsrfCheckInterceptor extends FormCsrfCheck {

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
}

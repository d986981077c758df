package io.perennial.api.portal;

import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.csrf.validator.CsrfTokenValidator;
import io.perennial.api.problem.Problem;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** Refuses a portal POST whose form has no CSRF token, or one not minted for this browser's cookie and session. */
@Singleton
@InterceptorBean(CsrfChecked.class)
public class CsrfCheckInterceptor implements MethodInterceptor<Object, Object> {
    private static final Logger log = LoggerFactory.getLogger(CsrfCheckInterceptor.class);

    private final CsrfTokenValidator<HttpRequest<?>> validator;
    private final PortalPages pages;

    public CsrfCheckInterceptor(CsrfTokenValidator<HttpRequest<?>> validator, PortalPages pages) {
        this.validator = validator;
        this.pages = pages;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        if (!context.hasAnnotation(Post.class)) {
            return context.proceed();
        }
        HttpRequest<?> request = null;
        PortalForms.Form form = null;
        for (Object argument : context.getParameterValues()) {
            if (argument instanceof HttpRequest<?> http) {
                request = http;
            } else if (argument instanceof PortalForms.Form posted) {
                form = posted;
            }
        }
        if (request == null) {
            throw new IllegalStateException(context.getExecutableMethod() + " must take the HttpRequest to be checked");
        }
        String token = form == null ? null : form.csrfToken();
        if (token == null || token.isBlank() || !validator.validateCsrfToken(request, token)) {
            log.warn("CSRF token missing or invalid on {} {}", request.getMethod(), request.getPath());
            return pages.page(request, HttpStatus.FORBIDDEN, "portal/problem", Map.of("problem",
                    new Problem(io.perennial.api.problem.ApiProblems.BASE + "csrf", "Forbidden", 403,
                            pages.message(request, "problem.csrf"), request.getPath(), null)));
        }
        return context.proceed();
    }
}

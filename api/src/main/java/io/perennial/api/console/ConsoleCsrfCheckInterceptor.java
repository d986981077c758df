package io.perennial.api.console;

import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.csrf.validator.CsrfTokenValidator;
import io.perennial.api.portal.PortalForms;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Refuses a console POST whose form has no CSRF token, or one not minted for this browser's console session. */
@Singleton
@InterceptorBean(ConsoleCsrfChecked.class)
public class ConsoleCsrfCheckInterceptor implements MethodInterceptor<Object, Object> {
    private static final Logger log = LoggerFactory.getLogger(ConsoleCsrfCheckInterceptor.class);

    private final CsrfTokenValidator<HttpRequest<?>> validator;
    private final ConsolePages pages;

    public ConsoleCsrfCheckInterceptor(CsrfTokenValidator<HttpRequest<?>> validator, ConsolePages pages) {
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
            return pages.forbidden(request, pages.message(request, "console.problem.csrf"));
        }
        return context.proceed();
    }
}

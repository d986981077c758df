package io.perennial.api.portal;

import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.csrf.validator.CsrfTokenValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check behind {@code @CsrfChecked} (portal) and {@code @ConsoleCsrfChecked} (console): a POST whose form
 * ({@link PortalForms.Form}) has no CSRF token, or one not minted for this browser's cookie and session, is refused
 * before the method runs. Each interceptor says only how its pages answer the refusal.
 */
public abstract class FormCsrfCheck implements MethodInterceptor<Object, Object> {
    private final Logger log = LoggerFactory.getLogger(getClass()); // the interceptor's name, as before

    private final CsrfTokenValidator<HttpRequest<?>> validator;

    protected FormCsrfCheck(CsrfTokenValidator<HttpRequest<?>> validator) {
        this.validator = validator;
    }

    /** The 403 page the refused request is answered with. */
    protected abstract Object refusal(HttpRequest<?> request);

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
            return refusal(request);
        }
        Object refused = refusalAfterToken(context, request);
        return refused != null ? refused : context.proceed();
    }

    /** A further refusal once the token is good (the portal's account roles); null lets the method run. */
    protected Object refusalAfterToken(MethodInvocationContext<Object, Object> context, HttpRequest<?> request) {
        return null;
    }
}

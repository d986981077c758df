package io.perennial.api.console;

import io.micronaut.aop.InterceptorBean;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.csrf.validator.CsrfTokenValidator;
import io.perennial.api.portal.FormCsrfCheck;
import jakarta.inject.Singleton;

/** Refuses a console POST whose form has no CSRF token, or one not minted for this browser's console session. */
@Singleton
@InterceptorBean(ConsoleCsrfChecked.class)
public class ConsoleCsrfCheckInterceptor extends FormCsrfCheck {

    private final ConsolePages pages;

    public ConsoleCsrfCheckInterceptor(CsrfTokenValidator<HttpRequest<?>> validator, ConsolePages pages) {
        super(validator);
        this.pages = pages;
    }

    @Override
    protected Object refusal(HttpRequest<?> request) {
        return pages.forbidden(request, pages.message(request, "console.problem.csrf"));
    }
}

package io.perennial.api.portal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.account.AccountDeletion;
import io.perennial.api.account.AccountExport;
import io.perennial.api.problem.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.Map;

/**
 * Export my data (one JSON document, {@link AccountExport}, as {@code GET /v1/customers/me/export} answers it) and
 * delete my account: a page that says what happens, then a form with its CSRF token and a confirmation box
 * ({@link AccountDeletion}, as {@code DELETE /v1/customers/me}).
 */
@Controller(PortalSessions.PATH + "/account")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
@CsrfChecked
public class PortalExportController {

    private final AccountExport export;
    private final AccountDeletion deletion;
    private final PortalSessions sessions;
    private final PortalPages pages;

    public PortalExportController(AccountExport export, AccountDeletion deletion, PortalSessions sessions,
                                  PortalPages pages) {
        this.export = export;
        this.deletion = deletion;
        this.sessions = sessions;
        this.pages = pages;
    }

    @Get(uri = "/export", produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    public HttpResponse<?> export(HttpRequest<?> request, @Nullable Authentication authentication) {
        var caller = PortalPages.caller(authentication);
        if (caller.isEmpty()) {
            return PortalPages.toSignIn();
        }
        try {
            return HttpResponse.ok(export.export(caller.get())).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"perennial-my-data.json\"");
        } catch (ProblemException refused) {
            return pages.problem(request, refused);
        }
    }

    @Get(uri = "/delete", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> confirmDeletion(HttpRequest<?> request, @Nullable Authentication authentication) {
        if (PortalPages.caller(authentication).isEmpty()) {
            return PortalPages.toSignIn();
        }
        return pages.page(request, "portal/delete", Map.of());
    }

    @Post(uri = "/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> delete(HttpRequest<?> request, @Nullable Authentication authentication,
                                  @Body PortalForms.DeleteAccount form) {
        var caller = PortalPages.caller(authentication);
        if (caller.isEmpty()) {
            return PortalPages.toSignIn();
        }
        if (!"yes".equals(form.confirm())) {
            return pages.page(request, io.micronaut.http.HttpStatus.BAD_REQUEST, "portal/delete",
                    Map.of("error", pages.message(request, "delete.unconfirmed")));
        }
        try {
            deletion.delete(caller.get());
        } catch (ProblemException refused) {
            return pages.problem(request, refused);
        }
        return PortalPages.redirect(PortalSessions.PATH + "/signin?done=account-deleted").cookie(sessions.end(request));
    }
}

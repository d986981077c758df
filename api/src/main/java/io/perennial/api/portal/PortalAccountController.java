package io.perennial.api.portal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.auth.AccountService;
import io.perennial.api.auth.BillingUsersMay;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.points.MemberBalances;
import io.perennial.api.problem.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.HashMap;
import java.util.Map;

/** My profile (name) and password, through AccountService like the JSON API. */
@Controller(PortalSessions.PATH + "/account")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
@CsrfChecked
public class PortalAccountController {

    private final AccountService accounts;
    private final PortalSessions sessions;
    private final PortalPages pages;
    private final MemberBalances balances;

    public PortalAccountController(AccountService accounts, PortalSessions sessions, PortalPages pages,
                                   MemberBalances balances) {
        this.balances = balances;
        this.accounts = accounts;
        this.sessions = sessions;
        this.pages = pages;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<?> show(HttpRequest<?> request, @Nullable Authentication authentication,
                                @QueryValue @Nullable String done) {
        var caller = PortalPages.caller(authentication);
        if (caller.isEmpty()) {
            return PortalPages.toSignIn();
        }
        return account(request, caller.get(), HttpStatus.OK,
                "profile".equals(done) || "password".equals(done) ? done : "", null);
    }

    @Post(uri = "/profile", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> rename(HttpRequest<?> request, @Nullable Authentication authentication,
                                  @Body PortalForms.Profile form) {
        var caller = PortalPages.caller(authentication);
        if (caller.isEmpty()) {
            return PortalPages.toSignIn();
        }
        String name = PortalForms.text(form.name());
        if (name.isEmpty() || name.length() > 200) {
            return account(request, caller.get(), HttpStatus.BAD_REQUEST, "",
                    pages.message(request, "account.name.invalid"));
        }
        try {
            accounts.rename(caller.get(), name);
        } catch (ProblemException refused) {
            return pages.problem(request, refused);
        }
        return PortalPages.redirect(PortalSessions.PATH + "/account?done=profile");
    }

    /** A new password signs every browser out, this one included, and back in with a fresh session. */
    @BillingUsersMay
    @Post(uri = "/password", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> changePassword(HttpRequest<?> request, @Nullable Authentication authentication,
                                          @Body PortalForms.PasswordChange form) {
        var caller = PortalPages.caller(authentication);
        if (caller.isEmpty()) {
            return PortalPages.toSignIn();
        }
        try {
            accounts.changePassword(caller.get(), form.currentPassword() == null ? "" : form.currentPassword(),
                    form.newPassword() == null ? "" : form.newPassword());
        } catch (ProblemException refused) {
            String error = refused.problem().status() == 401 ? pages.message(request, "account.password.wrong")
                    : refused.problem().detail();
            return account(request, caller.get(), HttpStatus.valueOf(refused.problem().status() == 401 ? 400
                    : refused.problem().status()), "", error);
        }
        sessions.endAllOf(caller.get().userId());
        return PortalPages.redirect(PortalSessions.PATH + "/account?done=password")
                .cookie(sessions.start(caller.get().userId()));
    }

    private HttpResponse<?> account(HttpRequest<?> request, CurrentUser caller, HttpStatus status, String done,
                                    @Nullable String error) {
        try {
            Map<String, Object> model = new HashMap<>();
            model.put("customer", accounts.customer(caller));
            caller.customerId().ifPresent(customerId -> {
                model.put("points", balances.points(customerId));
                model.put("credit", balances.credit(customerId));
            });
            model.put("done", done);
            if (error != null) {
                model.put("error", error);
            }
            return pages.page(request, status, "portal/account", model);
        } catch (ProblemException refused) {
            return pages.problem(request, refused);
        }
    }
}

package io.perennial.api.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.portal.PortalFormat;
import io.perennial.customer.Role;
import io.swagger.v3.oas.annotations.Hidden;

/** The console's home: the dashboard of {@link ConsoleDashboard}, drawn as server-side SVG charts. */
@Controller(ConsoleSessions.PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class ConsoleDashboardController {

    private final ConsoleDashboard dashboard;
    private final ConsolePages pages;

    public ConsoleDashboardController(ConsoleDashboard dashboard, ConsolePages pages) {
        this.dashboard = dashboard;
        this.pages = pages;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<?> home(HttpRequest<?> request, @Nullable Authentication authentication) {
        return dashboard(request, authentication);
    }

    @Get(uri = "/dashboard", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> dashboard(HttpRequest<?> request, @Nullable Authentication authentication) {
        return pages.staff(request, authentication, caller -> pages.page(request, "console/dashboard",
                dashboard.model(authentication.getRoles().contains(Role.ADMIN.name()),
                        new PortalFormat(pages.locale(request)), key -> pages.message(request, key))));
    }
}

package io.perennial.api.portal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.order.OrderService;
import io.perennial.api.problem.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.Map;

/** My orders and boxes, each with its tracking timeline (every status change, oldest first), via OrderService. */
@Controller(PortalSessions.PATH + "/orders")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class PortalOrderController {

    private final OrderService orders;
    private final PortalPages pages;

    public PortalOrderController(OrderService orders, PortalPages pages) {
        this.orders = orders;
        this.pages = pages;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable Authentication authentication) {
        var caller = PortalPages.caller(authentication);
        if (caller.isEmpty()) {
            return PortalPages.toSignIn();
        }
        try {
            return pages.page(request, "portal/orders",
                    Map.of("orders", orders.list(caller.get(), 100, null, null, null).items()));
        } catch (ProblemException refused) {
            return pages.problem(request, refused);
        }
    }

    @Get(uri = "/{id}", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> show(HttpRequest<?> request, @Nullable Authentication authentication, String id) {
        var caller = PortalPages.caller(authentication);
        if (caller.isEmpty()) {
            return PortalPages.toSignIn();
        }
        try {
            return pages.page(request, "portal/order", Map.of("order", orders.get(caller.get(), id)));
        } catch (ProblemException refused) {
            return pages.problem(request, refused);
        }
    }
}

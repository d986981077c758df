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
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.AccountService;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.auth.CustomerView;
import io.perennial.api.billing.BillingReads;
import io.perennial.api.billing.InvoiceView;
import io.perennial.api.billing.PaymentView;
import io.perennial.api.order.OrderService;
import io.perennial.api.order.OrderView;
import io.perennial.api.problem.ProblemException;
import io.perennial.api.subscription.SubscriptionService;
import io.perennial.api.subscription.SubscriptionView;
import io.swagger.v3.oas.annotations.Hidden;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Export my data: everything the platform holds about the signed-in customer, as one JSON document, read through
 * the same services and views as the JSON API (so it never shows more, or other people's, data than they do).
 */
@Controller(PortalSessions.PATH + "/account/export")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class PortalExportController {

    /** The document: the JSON API's own views, grouped. */
    @Serdeable
    public record MyData(Instant exportedAt, CustomerView customer, List<SubscriptionView> subscriptions,
                         List<InvoiceView> invoices, List<PaymentView> payments, List<OrderView> orders) {
    }

    private final AccountService accounts;
    private final SubscriptionService subscriptions;
    private final BillingReads billing;
    private final OrderService orders;
    private final PortalPages pages;

    public PortalExportController(AccountService accounts, SubscriptionService subscriptions, BillingReads billing,
                                  OrderService orders, PortalPages pages) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.billing = billing;
        this.orders = orders;
        this.pages = pages;
    }

    @Get(produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    public HttpResponse<?> export(HttpRequest<?> request, @Nullable Authentication authentication) {
        var caller = PortalPages.caller(authentication);
        if (caller.isEmpty()) {
            return PortalPages.toSignIn();
        }
        try {
            MyData data = collect(caller.get());
            return HttpResponse.ok(data).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"perennial-my-data.json\"");
        } catch (ProblemException refused) {
            return pages.problem(request, refused);
        }
    }

    private MyData collect(CurrentUser caller) {
        List<SubscriptionView> mine = subscriptions.list(caller, 100, null, null, null, null).items();
        List<PaymentView> payments = mine.stream()
                .flatMap(s -> billing.paymentsOfSubscription(caller, UUID.fromString(s.id())).stream()).toList();
        return new MyData(Instant.now(), accounts.customer(caller), mine,
                billing.invoicesOfCustomer(caller, 100, null).items(), payments,
                orders.list(caller, 100, null, null, null).items());
    }
}

package io.perennial.api.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.subscription.SubscriptionPage;
import io.perennial.api.subscription.SubscriptionService;
import io.perennial.api.webhookendpoint.DeliveryViews;
import io.perennial.api.webhookendpoint.WebhookEndpoints;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Read-only lists of the customer side: customers' subscriptions ({@link SubscriptionService}, as
 * {@code GET /v1/subscriptions} answers staff), and for admins, as in the JSON API, the audit log ({@link AuditLog})
 * and the webhook endpoints with their deliveries ({@link WebhookEndpoints}).
 */
@Controller(ConsoleSessions.PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class ConsoleRecordsController {

    private static final int PAGE_SIZE = 50;

    private final SubscriptionService subscriptions;
    private final AuditLog audit;
    private final WebhookEndpoints endpoints;
    private final ConsolePages pages;

    public ConsoleRecordsController(SubscriptionService subscriptions, AuditLog audit, WebhookEndpoints endpoints,
                                    ConsolePages pages) {
        this.subscriptions = subscriptions;
        this.audit = audit;
        this.endpoints = endpoints;
        this.pages = pages;
    }

    /** Every subscription, or one customer's ({@code customerId}), newest first. */
    @Get(uri = "/subscriptions", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> subscriptions(HttpRequest<?> request, @Nullable Authentication authentication,
                                         @QueryValue @Nullable String customerId, @QueryValue @Nullable String after) {
        return pages.staff(request, authentication, caller -> {
            UUID customer = ConsoleOperationsController.blank(customerId) ? null
                    : ConsoleRenewalsController.uuid(customerId);
            SubscriptionPage page = subscriptions.list(caller, PAGE_SIZE, ConsoleOperationsController.blank(after)
                    ? null : ConsoleRenewalsController.uuid(after), customer, null, null);
            Map<String, Object> model = new HashMap<>();
            model.put("subscriptions", page.items());
            if (customer != null) {
                model.put("customerId", customer.toString());
            }
            if (page.next() != null) {
                Map<String, String> next = new LinkedHashMap<>();
                if (customer != null) {
                    next.put("customerId", customer.toString());
                }
                next.put("after", page.next());
                model.put("nextPage", ConsoleLinks.withQuery(ConsoleSessions.PATH + "/subscriptions", next));
            }
            return pages.page(request, "console/subscriptions", model);
        });
    }

    @Get(uri = "/audit-log", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> auditLog(HttpRequest<?> request, @Nullable Authentication authentication,
                                    @QueryValue @Nullable String after) {
        return pages.admin(request, authentication, caller -> {
            AuditEntry cursor = ConsoleOperationsController.blank(after) ? null
                    : audit.findById(ConsoleRenewalsController.uuid(after))
                    .orElseThrow(() -> ApiProblems.notFound("Audit entry", after));
            List<AuditEntry> rows = audit.findPage(null, null, null, null, null,
                    cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), PAGE_SIZE + 1);
            List<AuditEntry> shown = rows.stream().limit(PAGE_SIZE).toList();
            return pages.page(request, "console/audit-log", ConsoleOperationsController.withNext(
                    Map.of("entries", shown), "/audit-log",
                    rows.size() > PAGE_SIZE ? shown.get(shown.size() - 1).id().toString() : null));
        });
    }

    @Get(uri = "/webhooks", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> webhooks(HttpRequest<?> request, @Nullable Authentication authentication) {
        return pages.admin(request, authentication, caller -> pages.page(request, "console/webhooks",
                Map.of("endpoints", endpoints.list())));
    }

    @Get(uri = "/webhooks/{id}", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> deliveries(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                      @QueryValue @Nullable String after) {
        return pages.admin(request, authentication, caller -> {
            DeliveryViews.DeliveryPage page = endpoints.deliveries(id,
                    ConsoleOperationsController.blank(after) ? null : after, PAGE_SIZE);
            return pages.page(request, "console/webhook", ConsoleOperationsController.withNext(Map.of(
                    "endpoint", endpoints.get(id), "deliveries", page.items()), "/webhooks/" + id, page.next()));
        });
    }
}

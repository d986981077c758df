package io.perennial.api.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.ops.FailedRenewals;
import io.perennial.api.portal.PortalForms;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.subscription.SubscriptionChanges;
import io.perennial.catalog.Catalog;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Failed renewals: the list with its filter, retry one, bulk retry of what the filter selects, and the bulk retry's
 * progress (polled by htmx). Everything goes through the ops API's own services: {@link FailedRenewals} lists and
 * starts the batch workflow, {@link SubscriptionChanges#retryPayment} retries one (past-due check included).
 */
@Controller(ConsoleSessions.PATH + "/renewals")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
@ConsoleCsrfChecked
public class ConsoleRenewalsController {

    static final int PAGE_SIZE = 50;

    private final FailedRenewals failed;
    private final SubscriptionChanges changes;
    private final Catalog catalog;
    private final ConsolePages pages;

    public ConsoleRenewalsController(FailedRenewals failed, SubscriptionChanges changes, Catalog catalog,
                                     ConsolePages pages) {
        this.failed = failed;
        this.changes = changes;
        this.catalog = catalog;
        this.pages = pages;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable Authentication authentication,
                                @QueryValue @Nullable String reason, @QueryValue @Nullable String planId,
                                @QueryValue @Nullable String from, @QueryValue @Nullable String until,
                                @QueryValue @Nullable String after, @QueryValue @Nullable String done) {
        return pages.staff(request, authentication, caller -> {
            RenewalFilter filter = RenewalFilter.of(reason, planId, from, until);
            FailedRenewals.Page page = failed.list(filter.reason(), filter.planId(), filter.failedSince(),
                    filter.failedUntil(), PAGE_SIZE, after == null || after.isBlank() ? null : after);
            Map<String, Object> model = new HashMap<>();
            model.put("renewals", page.items());
            model.put("filter", filter);
            model.put("reasons", Arrays.stream(FailedRenewals.Reason.values()).map(Enum::name).toList());
            model.put("plans", catalog.allOffers().stream().map(offer -> offer.plan().id()).toList());
            model.put("source", page.source());
            if (page.next() != null) {
                Map<String, String> next = new LinkedHashMap<>(filter.query());
                next.put("after", page.next());
                model.put("nextPage", ConsoleLinks.withQuery(ConsoleSessions.PATH + "/renewals", next));
            }
            if ("retried".equals(done)) {
                model.put("done", pages.message(request, "console.renewals.retried"));
            }
            return pages.page(request, "console/renewals", model);
        });
    }

    /** Charges one past-due subscription's overdue invoice now (409 problem page if it is no longer past due). */
    @Post(uri = "/{subscriptionId}/retry", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.TEXT_HTML)
    public HttpResponse<?> retry(HttpRequest<?> request, @Nullable Authentication authentication,
                                 String subscriptionId, @Body PortalForms.Action form) {
        return pages.staff(request, authentication, caller -> {
            changes.retryPayment(caller, uuid(subscriptionId), "console_retry");
            return ConsolePages.redirect(ConsoleSessions.PATH + "/renewals?done=retried");
        });
    }

    /** Starts one bulk retry of everything the filter selects and shows its progress page. */
    @Post(uri = "/retry", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> retryAll(HttpRequest<?> request, @Nullable Authentication authentication,
                                    @Body ConsoleForms.BulkRetry form) {
        return pages.staff(request, authentication, caller -> {
            RenewalFilter filter = RenewalFilter.of(form.reason(), form.planId(), form.from(), form.until());
            FailedRenewals.Batch batch = failed.retryAll(caller, filter.bulkRetry("bulk retry from the console"),
                    null);
            return ConsolePages.redirect(ConsoleSessions.PATH + "/renewals/batches/" + batch.batchId());
        });
    }

    @Get(uri = "/batches/{batchId}", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> batch(HttpRequest<?> request, @Nullable Authentication authentication, String batchId) {
        return pages.staff(request, authentication, caller -> pages.page(request, "console/batch",
                Map.of("batch", failed.batch(uuid(batchId)))));
    }

    /** The progress block alone, which the batch page swaps in every second until the batch is done. */
    @Get(uri = "/batches/{batchId}/progress", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> progress(HttpRequest<?> request, @Nullable Authentication authentication,
                                    String batchId) {
        return pages.staff(request, authentication, caller -> pages.page(request, "console/batch-progress",
                Map.of("batch", failed.batch(uuid(batchId)))));
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblems.notFoundBecause("Nothing is at this address.");
        }
    }
}

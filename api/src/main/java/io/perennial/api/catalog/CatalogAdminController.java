package io.perennial.api.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.perennial.api.audit.AuditTrail;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.idempotency.IdempotentRequests;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.catalog.Catalog;
import io.perennial.catalog.CatalogException;
import io.perennial.catalog.PlanOffer;
import io.perennial.subscription.DunningOutcome;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

/**
 * Admins manage the catalog: products, plans (interval fixed at creation), and plan versions for price, trial or
 * box changes. Existing subscribers keep their version until an explicit migration moves them.
 */
@Controller("/v1/admin")
@Secured("ADMIN")
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class CatalogAdminController {

    private final Catalog catalog;
    private final PlanMigrations migrations;
    private final IdempotentRequests idempotency;
    private final AuditTrail audit;

    public CatalogAdminController(Catalog catalog, PlanMigrations migrations, IdempotentRequests idempotency,
                                  AuditTrail audit) {
        this.audit = audit;
        this.catalog = catalog;
        this.migrations = migrations;
        this.idempotency = idempotency;
    }

    @Post("/products")
    @Status(HttpStatus.CREATED)
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    public HttpResponse<ProductView> createProduct(Authentication authentication,
                                                   @Body @Valid CreateProductRequest request) {
        ProductView created = ProductView.of(audit.change(authentication, "product.created",
                "product:" + request.id(), null, () -> catalog(() ->
                        catalog.createProduct(request.id(), request.name(), request.description(), request.kind())),
                product -> product.kind() + " " + product.name()));
        return HttpResponse.created(created, URI.create("/v1/admin/products/" + created.id()));
    }

    @Get("/products")
    public List<ProductView> products() {
        return catalog.products().stream().map(ProductView::of).toList();
    }

    @Post("/plans")
    @Status(HttpStatus.CREATED)
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    public HttpResponse<PlanView> createPlan(Authentication authentication, @Body @Valid CreatePlanRequest request) {
        PlanOffer created = audit.change(authentication, "plan.created", "plan:" + request.id(), null,
                () -> catalog(() -> catalog.createPlan(request.id(), request.productId(), request.name(),
                        request.interval().interval(), terms(request.prices(), request.trial(), request.box(), null,
                                request.dunningOutcome()))),
                CatalogAdminController::prices);
        return HttpResponse.created(PlanView.of(created), URI.create("/v1/plans/" + created.plan().id()));
    }

    /** Every plan at its current version, including retired ones. */
    @Get("/plans")
    public List<PlanView> plans() {
        return catalog.allOffers().stream().map(PlanView::of).toList();
    }

    @Get("/plans/{planId}/versions")
    @ProblemResponses.NotFound
    public List<PlanView> versions(String planId) {
        return catalog(() -> catalog.versions(planId)).stream().map(PlanView::of).toList();
    }

    /** A price (or trial, or box) change: the next version, which new subscribers get from now on. */
    @Post("/plans/{planId}/versions")
    @ApiResponse(responseCode = "201",
            description = "The new version (or the first answer again, for a retry with the same Idempotency-Key)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PlanView.class)))
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    public HttpResponse<?> addVersion(Authentication authentication, String planId,
                                      @Body @Valid NewPlanVersionRequest request,
                                      @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey) {
        // A retried request must not publish a second version: the Idempotency-Key makes the retry safe.
        return idempotency.run(CurrentUser.of(authentication).userId().toString(),
                "POST /v1/admin/plans/" + planId + "/versions", idempotencyKey, request, () -> {
                    PlanOffer created = audit.change(authentication, "plan.version-added", "plan:" + planId,
                            request.note(), () -> catalog(() -> catalog.addVersion(planId,
                                    terms(request.prices(), request.trial(), request.box(), request.note(),
                                            request.dunningOutcome()))),
                            CatalogAdminController::prices);
                    return HttpResponse.created(PlanView.of(created),
                            URI.create("/v1/admin/plans/" + planId + "/versions/" + created.version().version()));
                });
    }

    /**
     * Moves subscribers of older versions to {@code toVersion} (default: the current one) from their next period, as
     * a tracked batch at a limited rate: 202 with the batch; follow it at {@code /v1/ops/batches/{batchId}}.
     */
    @Post("/plans/{planId}/migrations")
    @ApiResponse(responseCode = "202", description = "The migration batch is started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = io.perennial.api.ops.OpsBatches.Batch.class)))
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    public HttpResponse<io.perennial.api.ops.OpsBatches.Batch> migrate(Authentication authentication, String planId,
                                                                       @Body @Valid MigratePlanRequest request) {
        // The batch moves each subscription by its own workflow update; the entry records the batch started.
        return audit.change(authentication, "plan.migrated", "plan:" + planId, null,
                () -> migrations.migrate(CurrentUser.of(authentication).userId().toString(), planId,
                        request == null ? null : request.toVersion()),
                response -> "batch " + response.body().batchId() + ": " + response.body().selected()
                        + " subscriptions selected");
    }

    /** Retires a plan: no new subscriptions; existing subscribers keep it. */
    @Delete("/plans/{planId}")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponses.NotFound
    public HttpResponse<Void> retire(Authentication authentication, String planId) {
        audit.change(authentication, "plan.retired", "plan:" + planId, null,
                () -> catalog(() -> catalog.setActive(planId, false)), plan -> "retired");
        return HttpResponse.noContent();
    }

    private static Catalog.Terms terms(List<PriceBody> prices, IntervalBody trial, List<BoxItemBody> box,
                                       String note, DunningOutcome dunningOutcome) {
        return new Catalog.Terms(prices.stream().map(PriceBody::price).toList(),
                trial == null ? null : trial.interval(),
                box == null ? List.of() : box.stream().map(BoxItemBody::item).toList(), note, dunningOutcome);
    }

    /** What an audit entry says of a plan version: its number and prices, e.g. {@code v2: 1499 EUR}. */
    private static String prices(PlanOffer offer) {
        return "v" + offer.version().version() + ": " + offer.prices().stream()
                .map(price -> price.amountMinor() + " " + price.currency())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static <T> T catalog(Supplier<T> change) {
        try {
            return change.get();
        } catch (CatalogException e) {
            throw ApiProblems.catalog(e);
        }
    }
}

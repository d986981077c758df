package io.perennial.api.inventory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.idempotency.IdempotentRequests;
import io.perennial.api.inventory.InventoryViews.StockLevelView;
import io.perennial.api.inventory.InventoryViews.StockMovementView;
import io.perennial.api.inventory.InventoryViews.StockPage;
import io.perennial.api.inventory.InventoryViews.SupplierView;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.inventory.Inventory;
import io.perennial.inventory.StockLevel;
import io.perennial.restock.RestockTrigger;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.util.List;

/** Ops read stock levels and movements, and count stock in or out by hand (audited). */
@Controller("/v1/ops")
@Secured({"OPS", "ADMIN"})
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class StockController {

    private static final String SKU = "[A-Z0-9][A-Z0-9._-]{0,63}";

    private final Inventory inventory;
    private final IdempotentRequests idempotency;
    private final RestockTrigger restocks;

    public StockController(Inventory inventory, IdempotentRequests idempotency, RestockTrigger restocks) {
        this.inventory = inventory;
        this.idempotency = idempotency;
        this.restocks = restocks;
    }

    @Get("/stock")
    @ProblemResponses.InvalidRequest
    public StockPage levels(@QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit,
                            @QueryValue @Nullable @Pattern(regexp = SKU) String after) {
        List<StockLevel> page = inventory.levels(after, limit + 1);
        List<StockLevelView> items = page.stream().limit(limit).map(StockLevelView::of).toList();
        return new StockPage(items, page.size() > limit ? items.get(items.size() - 1).sku() : null);
    }

    @Get("/stock/{sku}")
    @ProblemResponses.InvalidRequest
    @ProblemResponses.NotFound
    public StockLevelView level(@Pattern(regexp = SKU) String sku) {
        return StockLevelView.of(inventory.level(sku).orElseThrow(() -> ApiProblems.notFound("SKU", sku)));
    }

    @Get("/stock/{sku}/movements")
    @ProblemResponses.InvalidRequest
    @ProblemResponses.NotFound
    public List<StockMovementView> movements(@Pattern(regexp = SKU) String sku,
                                             @QueryValue(defaultValue = "50") @Min(1) @Max(500) int limit) {
        level(sku);
        return inventory.movements(sku, limit).stream().map(StockMovementView::of).toList();
    }

    /**
     * Counts stock in or out. Not idempotent by nature (a retried -2 would count two more out), so a client that
     * may retry sends an {@code Idempotency-Key}. A count out that leaves the SKU at or below its reorder point
     * starts its restock (or joins the open one).
     */
    @Post("/stock/{sku}/adjustments")
    @ApiResponse(responseCode = "201", description = "Counted: the stock level after the adjustment (or the first answer again, for a retry with the same Idempotency-Key)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StockLevelView.class)))
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    public HttpResponse<?> adjust(Authentication authentication, @Pattern(regexp = SKU) String sku,
                                  @Body @Valid InventoryRequests.AdjustStock request,
                                  @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey) {
        if (request.delta() == 0) {
            throw ApiProblems.invalidField("/delta", "an adjustment changes the stock: not 0");
        }
        String actor = CurrentUser.of(authentication).userId().toString();
        return idempotency.run(actor, "POST /v1/ops/stock/" + sku + "/adjustments", idempotencyKey, request, () -> {
            StockLevel level = StockProblems.translate(() ->
                    inventory.adjust(sku, request.delta(), request.reason().trim(), actor));
            // A count that leaves the SKU at or below its reorder point starts (or joins) its restock.
            restocks.afterAdjustment(level, request.delta(), actor);
            StockLevelView after = StockLevelView.of(level);
            return HttpResponse.created(after, URI.create("/v1/ops/stock/" + sku + "/movements"));
        });
    }

    @Get("/suppliers")
    public List<SupplierView> suppliers() {
        return inventory.suppliers().stream().map(SupplierView::of).toList();
    }

    @Get("/suppliers/{id}")
    @ProblemResponses.NotFound
    public SupplierView supplier(String id) {
        return SupplierView.of(inventory.supplier(id).orElseThrow(() -> ApiProblems.notFound("Supplier", id)));
    }
}

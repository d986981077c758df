package io.perennial.api.inventory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.idempotency.IdempotentRequests;
import io.perennial.api.inventory.InventoryViews.StockLevelView;
import io.perennial.api.inventory.InventoryViews.SupplierView;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.inventory.Inventory;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import java.net.URI;
import java.time.Duration;

/** Admins set up what is stocked: suppliers, and the SKUs of physical products with their reorder rules. */
@Controller("/v1/admin")
@Secured("ADMIN")
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class InventoryAdminController {

    private final Inventory inventory;
    private final IdempotentRequests idempotency;

    public InventoryAdminController(Inventory inventory, IdempotentRequests idempotency) {
        this.inventory = inventory;
        this.idempotency = idempotency;
    }

    @Post("/suppliers")
    @ApiResponse(responseCode = "201", description = "Created (or the first answer again, for a retry with the same Idempotency-Key)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SupplierView.class)))
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    public HttpResponse<?> createSupplier(Authentication authentication,
                                          @Body @Valid InventoryRequests.CreateSupplier request,
                                          @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey) {
        Duration leadTime = request.leadTimeDuration();
        return idempotency.run(CurrentUser.of(authentication).userId().toString(), "POST /v1/admin/suppliers",
                idempotencyKey, request, () -> {
                    SupplierView created = SupplierView.of(StockProblems.translate(() ->
                            inventory.createSupplier(request.id(), request.name().trim(), leadTime)));
                    return HttpResponse.created(created, URI.create("/v1/ops/suppliers/" + created.id()));
                });
    }

    @Post("/skus")
    @ApiResponse(responseCode = "201", description = "Created (or the first answer again, for a retry with the same Idempotency-Key)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StockLevelView.class)))
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    public HttpResponse<?> createSku(Authentication authentication, @Body @Valid InventoryRequests.CreateSku request,
                                     @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey) {
        request.checkPrice();
        String actor = CurrentUser.of(authentication).userId().toString();
        return idempotency.run(actor, "POST /v1/admin/skus", idempotencyKey, request, () -> {
            StockLevelView created = StockLevelView.of(StockProblems.translate(() -> inventory.createSku(
                    new Inventory.NewSku(request.sku(), request.productId(), request.name().trim(),
                            request.initialOnHand(), request.reorderPoint(), request.reorderQuantity(),
                            request.preferredSupplierId(), request.alternateSupplierId(), request.unitPriceMinor(),
                            request.currency()), actor)));
            return HttpResponse.created(created, URI.create("/v1/ops/stock/" + created.sku()));
        });
    }
}

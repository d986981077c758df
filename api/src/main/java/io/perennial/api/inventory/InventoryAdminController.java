package io.perennial.api.inventory;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.inventory.InventoryViews.StockLevelView;
import io.perennial.api.inventory.InventoryViews.SupplierView;
import io.perennial.inventory.Inventory;
import jakarta.validation.Valid;

import java.net.URI;
import java.time.Duration;

/** Admins set up what is stocked: suppliers, and the SKUs of physical products with their reorder rules. */
@Controller("/v1/admin")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InventoryAdminController {

    private final Inventory inventory;

    public InventoryAdminController(Inventory inventory) {
        this.inventory = inventory;
    }

    @Post("/suppliers")
    public HttpResponse<SupplierView> createSupplier(@Body @Valid InventoryRequests.CreateSupplier request) {
        Duration leadTime = request.leadTimeDuration();
        SupplierView created = SupplierView.of(StockProblems.translate(() ->
                inventory.createSupplier(request.id(), request.name().trim(), leadTime)));
        return HttpResponse.created(created, URI.create("/v1/ops/suppliers/" + created.id()));
    }

    @Post("/skus")
    public HttpResponse<StockLevelView> createSku(Authentication authentication,
                                                  @Body @Valid InventoryRequests.CreateSku request) {
        String actor = CurrentUser.of(authentication).userId().toString();
        StockLevelView created = StockLevelView.of(StockProblems.translate(() -> inventory.createSku(
                new Inventory.NewSku(request.sku(), request.productId(), request.name().trim(),
                        request.initialOnHand(), request.reorderPoint(), request.reorderQuantity(),
                        request.preferredSupplierId(), request.alternateSupplierId()), actor)));
        return HttpResponse.created(created, URI.create("/v1/ops/stock/" + created.sku()));
    }
}

package io.perennial.api.restock;

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
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.api.restock.PurchaseOrderViews.PurchaseOrderPage;
import io.perennial.api.restock.PurchaseOrderViews.PurchaseOrderView;
import io.perennial.restock.PurchaseOrderRecord;
import io.perennial.restock.PurchaseOrderStatus;
import io.perennial.restock.PurchaseOrders;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.util.List;

/** Ops follow the restocks' purchase orders and post the goods that arrive. */
@Controller("/v1/purchase-orders")
@Secured({"OPS", "ADMIN"})
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class PurchaseOrderController {

    private static final String SKU = "[A-Z0-9][A-Z0-9._-]{0,63}";
    private static final String ID = "po-[A-Z0-9][A-Z0-9._-]{0,63}-[0-9]{1,9}";

    private final PurchaseOrders purchaseOrders;
    private final PurchaseOrderReceipts receipts;
    private final IdempotentRequests idempotency;

    public PurchaseOrderController(PurchaseOrders purchaseOrders, PurchaseOrderReceipts receipts,
                                   IdempotentRequests idempotency) {
        this.purchaseOrders = purchaseOrders;
        this.receipts = receipts;
        this.idempotency = idempotency;
    }

    /** Purchase orders by id, optionally of one SKU and in one status (e.g. {@code OVERDUE}). */
    @Get
    @ProblemResponses.InvalidRequest
    public PurchaseOrderPage list(@QueryValue @Nullable @Pattern(regexp = SKU) String sku,
                                  @QueryValue @Nullable PurchaseOrderStatus status,
                                  @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit,
                                  @QueryValue @Nullable @Pattern(regexp = ID) String after) {
        List<PurchaseOrderRecord> page = purchaseOrders.list(sku, status, after, limit + 1);
        List<PurchaseOrderView> items = page.stream().limit(limit).map(order -> PurchaseOrderView.of(order, null))
                .toList();
        return new PurchaseOrderPage(items, page.size() > limit ? items.get(items.size() - 1).id() : null);
    }

    @Get("/{id}")
    @ProblemResponses.InvalidRequest
    @ProblemResponses.NotFound
    public PurchaseOrderView get(@Pattern(regexp = ID) String id) {
        PurchaseOrderRecord order = purchaseOrders.find(id)
                .orElseThrow(() -> ApiProblems.notFound("Purchase order", id));
        return PurchaseOrderView.of(order, purchaseOrders.receipts(id));
    }

    /**
     * Goods of the purchase order arrived: they go on hand and wake backordered orders in order of arrival. The
     * same {@code receiptId} posted again counts once (an {@code Idempotency-Key} works too); more than is still
     * owed is {@code 409 over-receipt}; a closed order is {@code 409 receipt-refused}.
     */
    @Post("/{id}/receipts")
    @ApiResponse(responseCode = "201",
            description = "Counted: the purchase order with its receipts (or as it is, for a receipt counted before)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PurchaseOrderView.class)))
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    public HttpResponse<?> receive(Authentication authentication, @Pattern(regexp = ID) String id,
                                   @Body @Valid ReceiptRequest request,
                                   @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey) {
        String actor = CurrentUser.of(authentication).userId().toString();
        return idempotency.run(actor, "POST /v1/purchase-orders/" + id + "/receipts", idempotencyKey, request,
                () -> {
                    PurchaseOrderRecord after = receipts.receive(id, request, actor);
                    return HttpResponse.created(PurchaseOrderView.of(after, purchaseOrders.receipts(id)),
                            URI.create("/v1/purchase-orders/" + id));
                });
    }
}

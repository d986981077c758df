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
import io.perennial.api.order.OrderService;
import io.perennial.api.order.OrderView;
import io.perennial.api.problem.ApiProblems;
import io.perennial.inventory.Inventory;
import io.perennial.inventory.StockLevel;
import io.perennial.order.OrderStatus;
import io.perennial.payment.OrderRefundRecord;
import io.perennial.payment.OrderRefundRepository;
import io.perennial.payment.Refund;
import io.perennial.payment.RefundRepository;
import io.perennial.restock.PurchaseOrderRecord;
import io.perennial.restock.PurchaseOrders;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Read-only lists of the goods side: shipment exceptions ({@link OrderService}, as {@code GET /v1/ops/orders}),
 * stock ({@link Inventory}, as {@code GET /v1/ops/stock}), purchase orders and their receipts
 * ({@link PurchaseOrders}, as {@code /v1/purchase-orders}) and refunds (the refund tables, newest first). A page
 * at a time, with a link to the next.
 */
@Controller(ConsoleSessions.PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class ConsoleOperationsController {

    private static final int PAGE_SIZE = 50;

    private final OrderService orders;
    private final Inventory inventory;
    private final PurchaseOrders purchaseOrders;
    private final RefundRepository refunds;
    private final OrderRefundRepository orderRefunds;
    private final ConsolePages pages;

    public ConsoleOperationsController(OrderService orders, Inventory inventory, PurchaseOrders purchaseOrders,
                                       RefundRepository refunds, OrderRefundRepository orderRefunds,
                                       ConsolePages pages) {
        this.orders = orders;
        this.inventory = inventory;
        this.purchaseOrders = purchaseOrders;
        this.refunds = refunds;
        this.orderRefunds = orderRefunds;
        this.pages = pages;
    }

    @Get(uri = "/shipments", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> shipmentExceptions(HttpRequest<?> request, @Nullable Authentication authentication,
                                              @QueryValue @Nullable String after) {
        return pages.staff(request, authentication, caller -> {
            OrderView.Page page = orders.list(caller, PAGE_SIZE, blank(after) ? null : after, null,
                    OrderStatus.SHIPMENT_EXCEPTION);
            return pages.page(request, "console/shipments", withNext(Map.of("orders", page.items()),
                    "/shipments", page.next()));
        });
    }

    @Get(uri = "/stock", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> stock(HttpRequest<?> request, @Nullable Authentication authentication,
                                 @QueryValue @Nullable String after) {
        return pages.staff(request, authentication, caller -> {
            List<StockLevel> rows = inventory.levels(blank(after) ? null : after, PAGE_SIZE + 1);
            List<StockLevel> shown = rows.stream().limit(PAGE_SIZE).toList();
            return pages.page(request, "console/stock", withNext(Map.of("levels", shown), "/stock",
                    rows.size() > PAGE_SIZE ? shown.get(shown.size() - 1).sku() : null));
        });
    }

    @Get(uri = "/purchase-orders", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> purchaseOrders(HttpRequest<?> request, @Nullable Authentication authentication,
                                          @QueryValue @Nullable String after) {
        return pages.staff(request, authentication, caller -> {
            List<PurchaseOrderRecord> rows = purchaseOrders.list(null, null, blank(after) ? null : after,
                    PAGE_SIZE + 1);
            List<PurchaseOrderRecord> shown = rows.stream().limit(PAGE_SIZE).toList();
            return pages.page(request, "console/purchase-orders", withNext(Map.of("purchaseOrders", shown),
                    "/purchase-orders", rows.size() > PAGE_SIZE ? shown.get(shown.size() - 1).id() : null));
        });
    }

    @Get(uri = "/purchase-orders/{id}", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> purchaseOrder(HttpRequest<?> request, @Nullable Authentication authentication,
                                         String id) {
        return pages.staff(request, authentication, caller -> {
            PurchaseOrderRecord order = purchaseOrders.find(id)
                    .orElseThrow(() -> ApiProblems.notFound("Purchase order", id));
            return pages.page(request, "console/purchase-order", Map.of("po", order,
                    "receipts", purchaseOrders.receipts(id)));
        });
    }

    /** Subscription refunds and order refunds, each newest first with its own cursor. */
    @Get(uri = "/refunds", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> refunds(HttpRequest<?> request, @Nullable Authentication authentication,
                                   @QueryValue @Nullable String after, @QueryValue @Nullable String orderAfter) {
        return pages.staff(request, authentication, caller -> {
            Refund cursor = blank(after) ? null : refunds.findById(ConsoleRenewalsController.uuid(after))
                    .orElseThrow(() -> ApiProblems.notFound("Refund", after));
            OrderRefundRecord orderCursor = blank(orderAfter) ? null : orderRefunds
                    .findById(ConsoleRenewalsController.uuid(orderAfter))
                    .orElseThrow(() -> ApiProblems.notFound("Refund", orderAfter));
            List<Refund> rows = refunds.findPage(cursor == null ? null : cursor.createdAt(),
                    cursor == null ? null : cursor.id(), PAGE_SIZE + 1);
            List<OrderRefundRecord> orderRows = orderRefunds.findPage(
                    orderCursor == null ? null : orderCursor.createdAt(),
                    orderCursor == null ? null : orderCursor.id(), PAGE_SIZE + 1);
            Map<String, Object> model = new HashMap<>();
            model.put("refunds", rows.stream().limit(PAGE_SIZE).toList());
            model.put("orderRefunds", orderRows.stream().limit(PAGE_SIZE).toList());
            if (rows.size() > PAGE_SIZE) {
                model.put("nextPage", ConsoleLinks.withQuery(ConsoleSessions.PATH + "/refunds",
                        Map.of("after", rows.get(PAGE_SIZE - 1).id().toString())));
            }
            if (orderRows.size() > PAGE_SIZE) {
                model.put("nextOrderPage", ConsoleLinks.withQuery(ConsoleSessions.PATH + "/refunds",
                        Map.of("orderAfter", orderRows.get(PAGE_SIZE - 1).id().toString())));
            }
            return pages.page(request, "console/refunds", model);
        });
    }

    static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    /** The model with a link to the next page when there is one. */
    static Map<String, Object> withNext(Map<String, Object> model, String page, @Nullable String next) {
        Map<String, Object> all = new HashMap<>(model);
        if (next != null) {
            all.put("nextPage", ConsoleLinks.withQuery(ConsoleSessions.PATH + page, Map.of("after", next)));
        }
        return all;
    }
}

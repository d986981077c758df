package io.perennial.api.order;

import io.perennial.api.auth.CurrentUser;
import io.perennial.api.payment.PaymentMethodResolver;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.inventory.Inventory;
import io.perennial.inventory.StockLevel;
import io.perennial.inventory.StockLine;
import io.perennial.order.OrderCancellation;
import io.perennial.order.OrderFulfillmentWorkflow;
import io.perennial.order.OrderReadModel;
import io.perennial.order.OrderRecord;
import io.perennial.order.OrderRequest;
import io.perennial.order.OrderStartOptions;
import io.perennial.order.OrderState;
import io.perennial.order.OrderStatus;
import io.perennial.order.ShippingAddress;
import io.perennial.order.StatusChange;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Places one-off orders (priced from the SKUs on our side), and reads, cancels and re-addresses them. Reads come
 * from the {@code orders} read model; changes go to the order's workflow.
 */
@Singleton
public class OrderService {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final WorkflowClient temporal;
    private final Inventory inventory;
    private final OrderReadModel orders;
    private final OrderConfiguration configuration;

    private final PaymentMethodResolver paymentMethods;

    public OrderService(WorkflowClient temporal, Inventory inventory, OrderReadModel orders,
                        OrderConfiguration configuration, PaymentMethodResolver paymentMethods) {
        this.paymentMethods = paymentMethods;
        this.temporal = temporal;
        this.inventory = inventory;
        this.orders = orders;
        this.configuration = configuration;
    }

    /**
     * Prices the lines from the SKUs and starts {@code order-{orderId}}; the answer is the order as placed, from the
     * request (no query of a workflow that has not run yet). The workflow is the read model's only writer: its first
     * step records the row; until then {@link #get} asks the workflow. With an idempotency key the order's id comes
     * from it, so a retry after a crash finds the workflow it started.
     */
    public OrderView place(CurrentUser caller, OrderRequests.PlaceOrder placed, String idempotencyKey,
                           String clientIp) {
        UUID customerId = caller.requireCustomer();
        ShippingAddress address = shippable(placed.shippingAddress(), "/shippingAddress");
        Price price = price(placed.lines());
        String orderId = (idempotencyKey == null ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes(("order:" + customerId + ":" + idempotencyKey)
                        .getBytes(StandardCharsets.UTF_8))).toString();
        OrderRequest request = new OrderRequest(orderId, customerId.toString(), price.lines(), price.amountMinor(),
                price.currency(),
                paymentMethods.gatewayToken(customerId, placed.paymentMethod(), "/paymentMethod"), address,
                configuration.backorderDeadline(), configuration.pickupDeadline(), null, clientIp,
                configuration.authenticationWindow());
        OrderFulfillmentWorkflow workflow = temporal.newWorkflowStub(OrderFulfillmentWorkflow.class,
                OrderStartOptions.forRequest(request));
        try {
            WorkflowClient.start(workflow::fulfil, request);
            log.info("Started {} for customer {}: {} {} (minor units)", WorkflowIds.order(orderId), customerId,
                    price.amountMinor(), price.currency());
        } catch (WorkflowExecutionAlreadyStarted started) {
            // The order's id derives from the caller and the key: this is the caller's order, as it is now.
            log.info("{} was started by an earlier attempt of this request", WorkflowIds.order(orderId));
            return get(caller, orderId);
        }
        return OrderView.of(placedState(request)).forCustomer();
    }

    /** The order as placed: what the workflow's first revision says too, but for its clock's second. */
    private static OrderState placedState(OrderRequest request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new OrderState(request.orderId(), request.customerId(), OrderStatus.RECEIVED,
                List.of(new StatusChange(OrderStatus.RECEIVED, now, "placed")), request.lines(),
                request.amountMinor(), request.currency(), request.shippingAddress(), List.of(), null, 0, 0, null,
                null, null, null, null, List.of(), 0, null, null, now, now, 0, null);
    }

    private record Price(List<StockLine> lines, long amountMinor, String currency) {
    }

    /** Every SKU exists and is sold on its own, all in one currency; the total in minor units. */
    private Price price(List<OrderRequests.Line> lines) {
        List<StockLine> stock = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long total = 0;
        String currency = null;
        for (int i = 0; i < lines.size(); i++) {
            OrderRequests.Line line = lines.get(i);
            String pointer = "/lines/" + i + "/sku";
            if (!seen.add(line.sku())) {
                throw ApiProblems.invalidField(pointer, "SKU " + line.sku() + " is in more than one line: order it "
                        + "once with the total quantity");
            }
            StockLevel sku = inventory.level(line.sku())
                    .orElseThrow(() -> ApiProblems.invalidReference(pointer, "no SKU " + line.sku()));
            if (!sku.priced()) {
                throw ApiProblems.invalidReference(pointer, "SKU " + line.sku() + " is not sold on its own");
            }
            if (currency != null && !currency.equals(sku.currency())) {
                throw new ProblemException(new Problem(ApiProblems.BASE + "mixed-currencies", "Mixed currencies",
                        422, "SKU " + line.sku() + " is priced in " + sku.currency() + ", the order's other lines in "
                        + currency + "; place one order per currency.", null,
                        List.of(new Problem.FieldError(pointer, "priced in " + sku.currency()))));
            }
            currency = sku.currency();
            total = Math.addExact(total, Math.multiplyExact(sku.unitPriceMinor(), (long) line.quantity()));
            stock.add(new StockLine(line.sku(), line.quantity()));
        }
        return new Price(stock, total, currency);
    }

    /** The address as the workflow takes it; a country that is not ISO 3166-1 is a 400 naming the field. */
    public static ShippingAddress shippable(OrderRequests.Address address, String pointer) {
        if (!COUNTRIES.contains(address.countryCode())) {
            throw ApiProblems.invalidField(pointer + "/countryCode",
                    "not an ISO 3166-1 alpha-2 country code: " + address.countryCode());
        }
        return address.toShippingAddress();
    }

    public OrderView get(CurrentUser caller, String orderId) {
        Optional<OrderRecord> row = readable(caller, orderId);
        OrderView view = row.map(OrderView::of).orElseGet(() -> OrderView.of(justPlaced(caller, orderId)));
        return caller.staff() ? view : view.forCustomer();
    }

    /** Customers page through their own orders; staff through everyone's, optionally in one status. */
    public OrderView.Page list(CurrentUser caller, int limit, String after, UUID customerFilter, OrderStatus status) {
        UUID customerId = caller.staff() ? customerFilter : caller.requireCustomer();
        OrderRecord cursor = after == null ? null : owned(caller, after);
        List<OrderRecord> rows = orders.page(customerId, status, cursor, limit + 1);
        List<OrderView> items = rows.stream().limit(limit).map(OrderView::of)
                .map(view -> caller.staff() ? view : view.forCustomer()).toList();
        return new OrderView.Page(items, rows.size() > limit ? items.get(items.size() - 1).id() : null);
    }

    /**
     * Signals the cancel when the order can still be canceled: not finished, shipment not booked. The workflow has
     * the last word (a booking may complete in between); its answer shows in the order's {@code cancellation}.
     */
    public void cancel(CurrentUser caller, String orderId, String reason) {
        OrderRecord row = readable(caller, orderId).orElse(null);
        OrderState state = row == null ? justPlaced(caller, orderId) : live(row);
        OrderStatus status = state == null ? row.status() : state.status();
        String tracking = state == null ? row.trackingNumber() : state.trackingNumber();
        if (status.terminal()) {
            throw OrderProblems.notAllowed("Order " + orderId + " is " + status + "; it can no longer be canceled.");
        }
        if (tracking != null) {
            throw OrderProblems.notAllowed("Order " + orderId + "'s shipment is booked (tracking " + tracking
                    + "); it can no longer be canceled.");
        }
        try {
            stub(orderId).cancel(new OrderCancellation(reason, caller.staff() ? "ops" : "the customer"));
        } catch (WorkflowNotFoundException finished) {
            throw OrderProblems.notAllowed("Order " + orderId + " is finished; it can no longer be canceled.");
        }
    }

    /** Ships to another address: a workflow Update, refused once the booking has started. */
    public OrderView changeAddress(CurrentUser caller, String orderId, OrderRequests.Address address) {
        if (readable(caller, orderId).isEmpty()) {
            justPlaced(caller, orderId);
        }
        ShippingAddress shippingAddress = shippable(address, "");
        OrderView changed = OrderView.of(OrderProblems.update(orderId,
                () -> stub(orderId).changeAddress(shippingAddress), () -> whyTheAddressIsFixed(orderId)));
        return caller.staff() ? changed : changed.forCustomer();
    }

    /** The validator's rules, told from the order's state (for when its own words do not reach us). */
    private String whyTheAddressIsFixed(String orderId) {
        OrderState state = orders.find(orderId).map(this::live).orElse(null);
        if (state != null && state.status().terminal()) {
            return "The order is " + state.status() + "; its address can no longer change.";
        }
        if (state != null && state.trackingNumber() != null) {
            return "The shipment is booked (tracking " + state.trackingNumber() + "); its address can no longer "
                    + "change.";
        }
        return "The shipment is booked or being booked; its address can no longer change.";
    }

    /** Another customer's order answers exactly as a missing one does. */
    private OrderRecord owned(CurrentUser caller, String orderId) {
        return orders.find(orderId).filter(row -> caller.mayRead(row.customerId()))
                .orElseThrow(() -> ApiProblems.notFound("Order", orderId));
    }

    /** The caller's order's row; empty when it has none yet; not found when it is another customer's. */
    private Optional<OrderRecord> readable(CurrentUser caller, String orderId) {
        Optional<OrderRecord> row = orders.find(orderId);
        if (row.isPresent() && !caller.mayRead(row.get().customerId())) {
            throw ApiProblems.notFound("Order", orderId);
        }
        return row;
    }

    /**
     * An order placed a moment ago whose workflow has not recorded its first row yet: its state from the workflow,
     * if it exists and the caller may read it; otherwise not found, as for any order that is not the caller's.
     */
    private OrderState justPlaced(CurrentUser caller, String orderId) {
        try {
            OrderState state = stub(orderId).state();
            if (caller.mayRead(UUID.fromString(state.customerId()))) {
                return state;
            }
        } catch (WorkflowNotFoundException | IllegalArgumentException missing) {
            log.debug("No order {}: {}", orderId, missing.getMessage());
        }
        throw ApiProblems.notFound("Order", orderId);
    }

    private OrderState live(OrderRecord row) {
        try {
            return stub(row.orderId()).state();
        } catch (RuntimeException e) {
            log.debug("Query of order {} failed, deciding from the read model: {}", row.orderId(), e.getMessage());
            return null;
        }
    }

    private OrderFulfillmentWorkflow stub(String orderId) {
        return temporal.newWorkflowStub(OrderFulfillmentWorkflow.class, WorkflowIds.order(orderId));
    }
}

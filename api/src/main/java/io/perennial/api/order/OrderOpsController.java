package io.perennial.api.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.order.OrderStatus;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import java.util.UUID;

/**
 * Ops read every order; {@code status=SHIPMENT_EXCEPTION} lists the parcels that need a person (not picked up in
 * time, or the carrier reported a problem).
 */
@Controller("/v1/ops/orders")
@Secured({"OPS", "ADMIN"})
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
@ProblemResponses.InvalidRequest
public class OrderOpsController {

    private final OrderService orders;

    public OrderOpsController(OrderService orders) {
        this.orders = orders;
    }

    /** Newest first, at most {@code limit} (500); optionally one status, one customer's. */
    @Get
    @Operation(operationId = "listOrdersForOps")
    @ProblemResponses.NotFound
    public OrderView.Page list(Authentication authentication,
                               @QueryValue(defaultValue = "50") @Min(1) @Max(500) int limit,
                               @QueryValue @Nullable @Pattern(regexp = OrderController.ORDER_ID) String after,
                               @QueryValue @Nullable OrderStatus status, @QueryValue @Nullable UUID customerId) {
        return orders.list(CurrentUser.of(authentication), limit, after, customerId, status);
    }

    @Get("/{id}")
    @Operation(operationId = "getOrderForOps")
    @ProblemResponses.NotFound
    public OrderView get(Authentication authentication, @Pattern(regexp = OrderController.ORDER_ID) String id) {
        return orders.get(CurrentUser.of(authentication), id);
    }
}

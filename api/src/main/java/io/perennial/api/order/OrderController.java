package io.perennial.api.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.auth.BillingUsersMay;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.idempotency.IdempotentRequests;
import io.perennial.api.payment.CustomerActions;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.api.subscription.PaymentAuthenticationRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import java.net.URI;

/** Customers place one-off orders of SKUs, follow them, cancel them before shipping and change where they go. */
@Controller("/v1/orders")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ProblemResponses.Unauthenticated
@ProblemResponses.InvalidRequest
@ProblemResponses.NotFound
public class OrderController {

    /** Order ids: a UUID for one-off orders, {@code {subscriptionId}-p{period}} for subscription boxes. */
    static final String ORDER_ID = "[A-Za-z0-9][A-Za-z0-9_-]{0,99}";

    private final OrderService orders;
    private final IdempotentRequests idempotency;
    private final CustomerActions customerActions;

    public OrderController(OrderService orders, IdempotentRequests idempotency, CustomerActions customerActions) {
        this.orders = orders;
        this.idempotency = idempotency;
        this.customerActions = customerActions;
    }

    /**
     * Places an order: stock is reserved, the SKUs' prices are charged (the total is computed here, never sent),
     * the parcel is booked with the carrier and followed to delivery. With an {@code Idempotency-Key} header a
     * retry of the same request gets the first answer and never places a second order (the order's id is derived
     * from the key).
     */
    @Post
    @ApiResponse(responseCode = "201",
            description = "Placed (or the first answer again, for a retry with the same Idempotency-Key)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderView.class)))
    @ProblemResponses.InvalidBody
    @ProblemResponses.Forbidden
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    public HttpResponse<?> place(HttpRequest<?> http, Authentication authentication,
                                 @Body @Valid OrderRequests.PlaceOrder request,
                                 @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey) {
        CurrentUser caller = CurrentUser.of(authentication);
        // Where the order comes from, for the risk check's velocity per IP (the TCP peer: no proxy sits in front).
        String clientIp = http.getRemoteAddress().getAddress() == null ? null
                : http.getRemoteAddress().getAddress().getHostAddress();
        return idempotency.run(caller.userId().toString(), "POST /v1/orders", idempotencyKey, request, () -> {
            OrderView placed = orders.place(caller, request, idempotencyKey, clientIp);
            return HttpResponse.created(placed, URI.create("/v1/orders/" + placed.id()));
        });
    }

    /** My orders, newest first, {@code limit} per page (at most 100); pass {@code next} as {@code after}. */
    @Get
    @Operation(operationId = "listOrders")
    @ProblemResponses.Forbidden
    public OrderView.Page list(Authentication authentication,
                               @QueryValue(defaultValue = "20") @Min(1) @Max(100) int limit,
                               @QueryValue @Nullable @Pattern(regexp = ORDER_ID) String after) {
        CurrentUser caller = CurrentUser.of(authentication);
        caller.requireCustomer();
        return orders.list(caller, limit, after, null, null);
    }

    /** The order with every status it went through, from the read model (a moment behind the workflow). */
    @Get("/{id}")
    @Operation(operationId = "getOrder")
    public OrderView get(Authentication authentication, @Pattern(regexp = ORDER_ID) String id) {
        return orders.get(CurrentUser.of(authentication), id);
    }

    /**
     * Asks the order to cancel: 202 when it reached the order, which decides (everything done so far is undone);
     * 409 when the order is finished or its shipment is booked. A booking that completes in between wins: the
     * order's {@code cancellation} then says the request was refused.
     */
    @Post("/{id}/cancel")
    @Status(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "202", description = "The cancel request reached the order; its cancellation says "
            + "what became of it")
    @RequestBody(required = false, description = "Optional: why the order is canceled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderRequests.Cancel.class)))
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    public HttpResponse<Void> cancel(Authentication authentication, @Pattern(regexp = ORDER_ID) String id,
                                     @Body @Nullable @Valid OrderRequests.Cancel request) {
        orders.cancel(CurrentUser.of(authentication), id, request == null ? null : request.reason());
        return HttpResponse.accepted();
    }

    /** Ships to another address; refused (409, with the reason) once the shipment is being booked. */
    @Put("/{id}/address")
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    public OrderView changeAddress(Authentication authentication, @Pattern(regexp = ORDER_ID) String id,
                                   @Body @Valid OrderRequests.Address address) {
        return orders.changeAddress(CurrentUser.of(authentication), id, address);
    }

    /**
     * The simulated provider's authentication page for the order's charge that waits for the customer
     * ({@code nextAction}): {@code approve} ships the order, {@code fail} fails it (stock released, nothing charged).
     * 202 once the order is told; 409 when nothing waits (answered, past its deadline), or when a real provider is
     * configured, whose own page the customer authenticates on.
     */
    @BillingUsersMay
    @Post("/{id}/payment-authentication")
    @Status(HttpStatus.ACCEPTED)
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    public HttpResponse<Void> authenticatePayment(Authentication authentication,
                                                  @Pattern(regexp = ORDER_ID) String id,
                                                  @Body @Valid PaymentAuthenticationRequest request) {
        customerActions.authenticateSimulatedOrder(CurrentUser.of(authentication), id, request.approves());
        return HttpResponse.accepted();
    }
}

package io.perennial.api.subscription;

import io.micronaut.core.annotation.Nullable;
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
import io.perennial.api.order.OrderRequests;
import io.perennial.api.payment.CustomerActions;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.subscription.SubscriptionStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Controller("/v1/subscriptions")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ProblemResponses.Unauthenticated
@ProblemResponses.InvalidRequest
@ProblemResponses.NotFound
public class SubscriptionController {

    private final SubscriptionService subscriptions;
    private final SubscriptionChanges changes;
    private final IdempotentRequests idempotency;
    private final CustomerActions customerActions;

    public SubscriptionController(SubscriptionService subscriptions, SubscriptionChanges changes,
                                  IdempotentRequests idempotency, CustomerActions customerActions) {
        this.customerActions = customerActions;
        this.subscriptions = subscriptions;
        this.changes = changes;
        this.idempotency = idempotency;
    }

    /**
     * Subscribes the caller. With an {@code Idempotency-Key} header, a retry of the same request returns the first
     * answer and never starts a second subscription (the subscription's id is derived from the key). With
     * {@code "paymentBehavior":"CHARGE_NOW"} it answers once the first charge is known: 201 ACTIVE, 201 with a
     * {@code nextAction} the customer must take, or 402 when declined (the subscription ends at once); 202 when the
     * first charge waits for a risk review instead, so nothing is charged yet.
     */
    @Post
    @ApiResponse(responseCode = "201",
            description = "Subscribed (or the first answer again, for a retry with the same Idempotency-Key)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubscriptionView.class)))
    @ApiResponse(responseCode = "202",
            description = "CHARGE_NOW: the subscription exists but its first charge waits for a risk review "
                    + "(riskReview IN_REVIEW, no period, nothing charged); Location is the subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubscriptionView.class)))
    @ProblemResponses.InvalidBody
    @ProblemResponses.Forbidden
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    @ProblemResponses.PaymentDeclined
    public HttpResponse<?> subscribe(Authentication authentication, @Body @Valid CreateSubscriptionRequest request,
                                     @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey) {
        CurrentUser caller = CurrentUser.of(authentication);
        return idempotency.run(caller.userId().toString(), "POST /v1/subscriptions", idempotencyKey, request, () -> {
            SubscriptionView created = subscriptions.subscribe(caller, request, idempotencyKey);
            URI location = URI.create("/v1/subscriptions/" + created.id());
            if (request.paymentBehavior() != null && "IN_REVIEW".equals(created.riskReview())) {
                // Asked to charge now, but nothing was: the answer must not read as a charged, created subscription.
                return HttpResponse.accepted(location).body(created);
            }
            return HttpResponse.created(created, location);
        });
    }

    /**
     * My subscriptions, newest first, {@code limit} per page (at most 100); pass {@code next} as {@code after} for
     * the following page. Staff see everyone's and may filter by customer, status and plan.
     */
    @Get
    @Operation(operationId = "listSubscriptions")
    public SubscriptionPage list(Authentication authentication,
                                 @QueryValue(defaultValue = "20") @Min(1) @Max(100) int limit,
                                 @QueryValue @Nullable UUID after, @QueryValue @Nullable UUID customerId,
                                 @QueryValue @Nullable SubscriptionStatus status,
                                 @QueryValue @Nullable @Pattern(regexp = "[a-z0-9][a-z0-9_-]*") String planId) {
        return subscriptions.list(CurrentUser.of(authentication), limit, after, customerId,
                status == null ? null : status.name(), planId);
    }

    /** The boxes a physical plan's paid periods owe the subscriber, by period. */
    @Get("/{id}/boxes")
    public List<BoxView> boxes(Authentication authentication, UUID id) {
        return subscriptions.boxes(CurrentUser.of(authentication), id);
    }

    /**
     * The subscription as the read model holds it ({@code "source":"read-model"}): every change made through the API
     * is there before that change answers, a renewal or retry within the activity that records it. With
     * {@code consistency=strong} the workflow itself answers ({@code "source":"workflow"}), at the price of a round
     * trip through Temporal and the worker; the read model answers when the workflow cannot.
     */
    @Get("/{id}")
    @Operation(operationId = "getSubscription")
    public SubscriptionView get(Authentication authentication, UUID id,
                                @QueryValue(defaultValue = "eventual") @Pattern(regexp = "eventual|strong")
                                String consistency) {
        return subscriptions.get(CurrentUser.of(authentication), id, "strong".equals(consistency));
    }

    /** Cancels at period end (undoable until then) or now, optionally refunding the unused days. */
    @Post("/{id}/cancel")
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    public SubscriptionView cancel(Authentication authentication, UUID id,
                                   @Body @Nullable @Valid CancelSubscriptionRequest request) {
        return changes.cancel(CurrentUser.of(authentication), id, request);
    }

    @Post("/{id}/uncancel")
    @ProblemResponses.Conflict
    public SubscriptionView uncancel(Authentication authentication, UUID id) {
        return changes.uncancel(CurrentUser.of(authentication), id);
    }

    @Post("/{id}/pause")
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    public SubscriptionView pause(Authentication authentication, UUID id,
                                  @Body @Nullable @Valid PauseSubscriptionRequest request) {
        return changes.pause(CurrentUser.of(authentication), id, request);
    }

    @Post("/{id}/resume")
    @ProblemResponses.Conflict
    public SubscriptionView resume(Authentication authentication, UUID id) {
        return changes.resume(CurrentUser.of(authentication), id);
    }

    /** The numbers of a plan change now, exact to the minor unit, changing nothing. */
    @Post("/{id}/plan-change/preview")
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    public PlanChangeView previewPlanChange(Authentication authentication, UUID id,
                                            @Body @Valid ChangePlanRequest request) {
        return changes.previewPlanChange(CurrentUser.of(authentication), id, request);
    }

    /** Upgrades apply now with proration and are charged at once; downgrades apply at period end. */
    @Post("/{id}/plan-change")
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    @ProblemResponses.PaymentDeclined
    @ProblemResponses.PaymentProviderUnavailable
    public PlanChangeView changePlan(Authentication authentication, UUID id, @Body @Valid ChangePlanRequest request) {
        return changes.changePlan(CurrentUser.of(authentication), id, request);
    }

    /** The numbers of a change of quantity or add-ons now, exact to the minor unit, changing nothing. */
    @Post("/{id}/items/preview")
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    public PlanChangeView previewItemChange(Authentication authentication, UUID id,
                                            @Body @Valid ChangeItemsRequest request) {
        return changes.previewItemChange(CurrentUser.of(authentication), id, request);
    }

    /**
     * Changes the quantity or one add-on: increases apply now, prorated and charged at once; decreases and removals
     * at period end, or now with a prorated credit when {@code effective} is {@code NOW}.
     */
    @Post("/{id}/items")
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    @ProblemResponses.PaymentDeclined
    @ProblemResponses.PaymentProviderUnavailable
    public PlanChangeView changeItems(Authentication authentication, UUID id,
                                      @Body @Valid ChangeItemsRequest request) {
        return changes.changeItems(CurrentUser.of(authentication), id, request);
    }

    @Post("/{id}/coupon")
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    public SubscriptionView applyCoupon(Authentication authentication, UUID id,
                                        @Body @Valid ApplyCouponRequest request) {
        return changes.applyCoupon(CurrentUser.of(authentication), id, request);
    }

    /** The address the boxes of a physical plan go to from the next paid period (a Temporal Update). */
    @Put("/{id}/shipping-address")
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    public OrderRequests.Address changeShippingAddress(Authentication authentication, UUID id,
                                                       @Body @Valid OrderRequests.Address address) {
        return changes.changeShippingAddress(CurrentUser.of(authentication), id, address);
    }

    /**
     * Skips the next box of a physical plan: that period is not charged and ships nothing; the period after it bills
     * as usual. 409 when the plan ships no boxes, none is coming, or that box is already skipped, delayed or billed.
     */
    @Post("/{id}/next-box/skip")
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    public SubscriptionView skipNextBox(Authentication authentication, UUID id,
                                        @Body @Nullable @Valid SkipNextBoxRequest request) {
        return changes.skipNextBox(CurrentUser.of(authentication), id, request);
    }

    /**
     * Starts the next box later ({@code until}, or {@code days} after its usual start), by one period at most; the
     * period is charged as usual. 422 for a time outside that range; 409 as for a skip.
     */
    @Post("/{id}/next-box/delay")
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    public SubscriptionView delayNextBox(Authentication authentication, UUID id,
                                         @Body @Valid DelayNextBoxRequest request) {
        return changes.delayNextBox(CurrentUser.of(authentication), id, request);
    }

    /**
     * The simulated payment provider's authentication page: the customer who owns the subscription approves or fails
     * the payment waiting for them ({@code nextAction}). Accepted: the payment settles under its own key and the
     * subscription follows (ACTIVE when approved, dunning when failed). With a real provider the customer
     * authenticates on the provider's page instead (409).
     */
    @BillingUsersMay
    @Post("/{id}/payment-authentication")
    @Status(HttpStatus.ACCEPTED)
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    public HttpResponse<Void> authenticatePayment(Authentication authentication, UUID id,
                                                  @Body @Valid PaymentAuthenticationRequest request) {
        customerActions.authenticateSimulated(CurrentUser.of(authentication), id, request.approves());
        return HttpResponse.accepted();
    }

    /** Accepted: the workflow switches cards, and a past-due subscription is charged with the new one at once. */
    @BillingUsersMay
    @Put("/{id}/payment-method")
    @Status(HttpStatus.ACCEPTED)
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    public HttpResponse<Void> updatePaymentMethod(Authentication authentication, UUID id,
                                                  @Body @Valid UpdatePaymentMethodRequest request) {
        changes.updatePaymentMethod(CurrentUser.of(authentication), id, request);
        return HttpResponse.accepted();
    }
}

package io.perennial.api.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/**
 * Manual risk review: the orders whose risk score put them between the review and refuse thresholds wait, stock
 * held and nothing charged, until ops approve or refuse them (or the review deadline refuses them).
 */
@Controller("/v1/ops/risk-reviews")
@Secured({"OPS", "ADMIN"})
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
@ProblemResponses.InvalidRequest
public class RiskReviewOpsController {

    /** Why ops decide as they do; kept in the order's history and the audit log. */
    @Serdeable
    public record Decision(@NotBlank @Size(max = 500) String reason) {
    }

    private final RiskReviews reviews;

    public RiskReviewOpsController(RiskReviews reviews) {
        this.reviews = reviews;
    }

    /**
     * What waits for a decision, newest first, {@code limit} a page (at most 500); pass {@code next} as after.
     * {@code kind} {@code ORDER} or {@code SUBSCRIPTION} pages that kind alone (its {@code next} is an order id or a
     * subscription id); without it the orders are paged and the first page begins with the subscriptions whose first
     * charge waits (at most {@code limit}).
     */
    @Get
    @Operation(operationId = "listRiskReviews")
    @ProblemResponses.NotFound
    public RiskReviewView.Page list(@QueryValue(defaultValue = "50") @Min(1) @Max(500) int limit,
                                    @QueryValue @Nullable @Pattern(regexp = OrderController.ORDER_ID) String after,
                                    @QueryValue @Nullable @Pattern(regexp = "ORDER|SUBSCRIPTION",
                                            message = "ORDER or SUBSCRIPTION") String kind) {
        return reviews.waiting(kind == null ? null : RiskReviewView.Kind.valueOf(kind), limit, after);
    }

    /** Approves the order: it is charged and shipped. 409 when it is not in review or already decided. */
    @Post("/{orderId}/approve")
    @Operation(operationId = "approveRiskReview")
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public OrderView approve(Authentication authentication,
                             @Pattern(regexp = OrderController.ORDER_ID) String orderId,
                             @Body @Valid Decision decision) {
        return reviews.decide(CurrentUser.of(authentication), orderId, true, decision.reason());
    }

    /** Approves a subscription's first charge held for review: it is charged. 409 when not in review or decided. */
    @Post("/subscriptions/{subscriptionId}/approve")
    @Operation(operationId = "approveSubscriptionRiskReview")
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public RiskReviewView approveSubscription(Authentication authentication, UUID subscriptionId,
                                              @Body @Valid Decision decision) {
        return reviews.decideSubscription(CurrentUser.of(authentication), subscriptionId, true, decision.reason());
    }

    /** Refuses a subscription's first charge: the subscription ends uncharged ({@code cancelReason risk_refused}). */
    @Post("/subscriptions/{subscriptionId}/refuse")
    @Operation(operationId = "refuseSubscriptionRiskReview")
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public RiskReviewView refuseSubscription(Authentication authentication, UUID subscriptionId,
                                             @Body @Valid Decision decision) {
        return reviews.decideSubscription(CurrentUser.of(authentication), subscriptionId, false, decision.reason());
    }

    /** Refuses the order: it is canceled with the reason, its stock released, nothing charged. */
    @Post("/{orderId}/refuse")
    @Operation(operationId = "refuseRiskReview")
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public OrderView refuse(Authentication authentication,
                            @Pattern(regexp = OrderController.ORDER_ID) String orderId,
                            @Body @Valid Decision decision) {
        return reviews.decide(CurrentUser.of(authentication), orderId, false, decision.reason());
    }
}

package io.perennial.api.recommendation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.points.PointsClock;
import io.perennial.recommendation.Recommendations;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.List;

/** What the signed-in customer may like next, each with a reason (docs/analytics.md, "Recommendations"). */
@Controller("/v1/customers/me/recommendations")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class RecommendationController {

    /** An item: {@code itemType} plan, sku or product. */
    @Serdeable
    public record Item(String itemType, String itemId, @Nullable String name) {
        static Item of(String key, @Nullable String name) {
            int colon = key.indexOf(':');
            return new Item(key.substring(0, colon), key.substring(colon + 1), name);
        }
    }

    @Serdeable
    public record RecommendationView(String itemType, String itemId, @Nullable String name, double score,
                                     String reason, @Nullable Item because) {
    }

    @Serdeable
    public record RecommendationsView(List<RecommendationView> items) {
    }

    private final Recommendations recommendations;
    private final PointsClock clock;

    public RecommendationController(Recommendations recommendations, PointsClock clock) {
        this.recommendations = recommendations;
        this.clock = clock;
    }

    @Get
    @ProblemResponses.InvalidRequest
    public RecommendationsView recommend(Authentication authentication,
                                         @QueryValue(defaultValue = "10") @Min(1) @Max(50) int limit) {
        return new RecommendationsView(recommendations.forCustomer(CurrentUser.of(authentication).requireCustomer(),
                clock.now(), limit).stream().map(found -> {
                    Item item = Item.of(found.item(), found.name());
                    return new RecommendationView(item.itemType(), item.itemId(), item.name(), found.score(),
                            found.reason(), found.becauseOf() == null ? null : Item.of(found.becauseOf(), null));
                }).toList());
    }
}

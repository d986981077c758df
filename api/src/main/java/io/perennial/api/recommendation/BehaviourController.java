package io.perennial.api.recommendation;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.BillingUsersMay;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.recommendation.RecommendationLedger;
import jakarta.validation.Valid;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Behaviour the storefront reports for the signed-in customer: one batch, one validated multi-row insert
 * (docs/analytics.md, "Recommendations"). Nothing is stored unless every event of the batch is valid.
 */
@BillingUsersMay
@Controller("/v1/behaviour")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class BehaviourController {

    @Serdeable
    public record Accepted(int accepted) {
    }

    private final RecommendationLedger ledger;

    public BehaviourController(RecommendationLedger ledger) {
        this.ledger = ledger;
    }

    @Post
    @ProblemResponses.InvalidBody
    public HttpResponse<Accepted> record(Authentication authentication, @Body @Valid BehaviourBatch batch) {
        UUID customerId = CurrentUser.of(authentication).requireCustomer();
        List<Problem.FieldError> errors = new ArrayList<>();
        List<RecommendationLedger.BehaviourRow> rows = new ArrayList<>(batch.events().size());
        for (int i = 0; i < batch.events().size(); i++) {
            BehaviourBatch.Event event = batch.events().get(i);
            String at = "/events/" + i + "/";
            boolean search = event.type().equals("searched");
            if (search != (event.itemId() == null) || (event.itemId() == null) != (event.itemType() == null)) {
                errors.add(new Problem.FieldError(at + (search ? "itemId" : "itemType"),
                        search ? "a search names no item" : "itemType and itemId name the item"));
            }
            if (search != (event.query() != null)) {
                errors.add(new Problem.FieldError(at + "query", search ? "required for searched" : "only for searched"));
            }
            if (event.type().equals("rated") != (event.rating() != null)) {
                errors.add(new Problem.FieldError(at + "rating", "1 to 5 for rated, absent otherwise"));
            }
            rows.add(new RecommendationLedger.BehaviourRow(event.type(), event.itemType(), event.itemId(),
                    event.query(), event.rating(), event.occurredAt()));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(new Problem(ApiProblems.BASE + "validation", "Invalid request", 400,
                    "Some events do not fit their type; nothing was stored.", null, errors));
        }
        return HttpResponse.accepted().body(new Accepted(ledger.insertBehaviour(customerId, rows)));
    }
}

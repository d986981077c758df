package io.perennial.api.points;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.idempotency.IdempotentRequests;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.billing.CreditEntry;
import io.perennial.billing.CreditEntryRepository;
import io.perennial.points.MemberPoints;
import io.perennial.points.NotEnoughPoints;
import io.perennial.points.PointsClock;
import io.perennial.points.PointsConfiguration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The signed-in customer's member points and account credit (docs/analytics.md, "Member points"): balances and
 * history, and redeeming points into credit that the next invoices spend.
 */
@Controller("/v1/customers/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class MemberPointsController {

    /** The credit route shows this many latest entries. */
    private static final int CREDIT_ENTRIES = 100;

    private final MemberPoints points;
    private final CreditEntryRepository credit;
    private final IdempotentRequests idempotency;
    private final PointsClock clock;

    public MemberPointsController(MemberPoints points, CreditEntryRepository credit, IdempotentRequests idempotency,
                                  PointsClock clock) {
        this.clock = clock;
        this.points = points;
        this.credit = credit;
        this.idempotency = idempotency;
    }

    @Get("/points")
    @ProblemResponses.InvalidRequest
    public PointsViews.PointsView points(Authentication authentication,
                                         @QueryValue(defaultValue = "20") @Min(1) @Max(100) int limit,
                                         @QueryValue(defaultValue = "0") @Min(0) long offset) {
        UUID customerId = CurrentUser.of(authentication).requireCustomer();
        PointsConfiguration terms = points.configuration();
        return new PointsViews.PointsView(points.balance(customerId),
                points.history(customerId, limit, offset).stream().map(PointsViews.PointsEntryView::of).toList(),
                points.historySize(customerId), limit, offset,
                new PointsViews.RedemptionTerms(terms.redemptionPoints(), terms.redemptionCreditMinor(),
                        terms.redemptionCurrency()));
    }

    @Post("/points/redemptions")
    @ProblemResponses.InvalidBody
    @ProblemResponses.Unprocessable
    @ProblemResponses.Conflict
    public HttpResponse<?> redeem(Authentication authentication,
                                  @Body @Valid PointsRequests.RedemptionRequest request,
                                  @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey) {
        CurrentUser user = CurrentUser.of(authentication);
        UUID customerId = user.requireCustomer();
        int block = points.configuration().redemptionPoints();
        if (request.points() % block != 0) {
            throw new ProblemException(new Problem(ApiProblems.BASE + "validation", "Invalid request", 400,
                    "Points are redeemed in blocks of " + block + ".", null,
                    List.of(new Problem.FieldError("/points", "a multiple of " + block))));
        }
        String currency = request.currency() != null ? request.currency() : points.configuration().redemptionCurrency();
        return idempotency.run(user.userId().toString(), "POST /v1/customers/me/points/redemptions", idempotencyKey,
                request, () -> {
                    String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
                    try {
                        return HttpResponse.created(PointsViews.RedemptionView.of(
                                        points.redeem(customerId, key, request.points(), currency, clock.now())),
                                URI.create("/v1/customers/me/credit"));
                    } catch (NotEnoughPoints short_) {
                        throw new ProblemException(new Problem(ApiProblems.BASE + "not-enough-points",
                                "Not enough points", 422, "The balance is " + short_.balance() + " points; "
                                + short_.asked() + " were asked.", null, null));
                    }
                });
    }

    @Get("/credit")
    public PointsViews.CreditView credit(Authentication authentication) {
        UUID customerId = CurrentUser.of(authentication).requireCustomer();
        List<CreditEntry> entries = credit.findByCustomerNewestFirst(customerId);
        Map<String, Long> balances = MemberBalances.sum(entries);
        return new PointsViews.CreditView(
                balances.entrySet().stream()
                        .map(balance -> new PointsViews.CreditBalance(balance.getKey(), balance.getValue())).toList(),
                entries.stream().limit(CREDIT_ENTRIES).map(PointsViews.CreditEntryView::of).toList());
    }
}

package io.perennial.api.points;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.idempotency.IdempotentRequests;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.billing.AccountCreditLedger;
import io.perennial.customer.CustomerRepository;
import io.perennial.points.MemberPoints;
import io.perennial.points.NotEnoughPoints;
import io.perennial.points.PointsClock;
import io.perennial.points.PointsEntryRepository;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import java.util.UUID;

/**
 * Ops give or take a customer's points and account credit with a reason, each audited; admins set a plan's or a
 * SKU's points rate. A retry with the same {@code Idempotency-Key} books nothing twice.
 */
@Controller("/v1")
@Secured({"OPS", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
@ProblemResponses.InvalidBody
public class PointsOpsController {

    @Serdeable
    public record BalanceView(String customerId, long balance, @Nullable String currency) {
    }

    private final MemberPoints points;
    private final AccountCreditLedger credit;
    private final PointsEntryRepository rates;
    private final CustomerRepository customers;
    private final IdempotentRequests idempotency;
    private final AuditLog audit;
    private final PointsClock clock;

    public PointsOpsController(MemberPoints points, AccountCreditLedger credit, PointsEntryRepository rates,
                               CustomerRepository customers, IdempotentRequests idempotency, AuditLog audit,
                               PointsClock clock) {
        this.clock = clock;
        this.points = points;
        this.credit = credit;
        this.rates = rates;
        this.customers = customers;
        this.idempotency = idempotency;
        this.audit = audit;
    }

    @Post("/ops/customers/{customerId}/points")
    @ProblemResponses.NotFound
    @ProblemResponses.Unprocessable
    public HttpResponse<?> adjustPoints(Authentication authentication, UUID customerId,
                                        @Body @Valid PointsRequests.PointsAdjustment request,
                                        @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey) {
        String actor = requireCustomer(authentication, customerId);
        nonZero(request.points(), "/points");
        return idempotency.run(actor, "POST /v1/ops/customers/" + customerId + "/points", idempotencyKey, request,
                () -> {
                    String key = "ops:" + actor + ":" + (idempotencyKey != null ? idempotencyKey : UUID.randomUUID());
                    try {
                        long balance = points.adjust(customerId, key, request.points(), "ops: " + request.reason(),
                                clock.now());
                        audit.save(AuditEntry.of(actor, "points.adjusted", "customer:" + customerId,
                                request.reason(), request.points() + " points, balance " + balance + ", key " + key));
                        return HttpResponse.ok(new BalanceView(customerId.toString(), balance, null));
                    } catch (NotEnoughPoints short_) {
                        throw new ProblemException(new Problem(ApiProblems.BASE + "not-enough-points",
                                "Not enough points", 422, "The balance is " + short_.balance() + " points; "
                                + short_.asked() + " cannot be taken.", null, null));
                    }
                });
    }

    @Post("/ops/customers/{customerId}/credit")
    @ProblemResponses.NotFound
    @ProblemResponses.Unprocessable
    public HttpResponse<?> adjustCredit(Authentication authentication, UUID customerId,
                                        @Body @Valid PointsRequests.CreditAdjustment request,
                                        @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey) {
        String actor = requireCustomer(authentication, customerId);
        nonZero(request.amountMinor(), "/amountMinor");
        return idempotency.run(actor, "POST /v1/ops/customers/" + customerId + "/credit", idempotencyKey, request,
                () -> {
                    String key = "ops:" + actor + ":" + (idempotencyKey != null ? idempotencyKey : UUID.randomUUID());
                    long balance = credit.adjust(customerId, request.currency(), key, request.amountMinor(),
                                    "ops: " + request.reason(), clock.now())
                            .orElseThrow(() -> new ProblemException(new Problem(ApiProblems.BASE
                                    + "not-enough-credit", "Not enough credit", 422, "The customer's "
                                    + request.currency() + " credit is less than " + -request.amountMinor() + ".",
                                    null, null)));
                    audit.save(AuditEntry.of(actor, "credit.adjusted", "customer:" + customerId, request.reason(),
                            request.amountMinor() + " " + request.currency() + ", balance " + balance + ", key "
                                    + key));
                    return HttpResponse.ok(new BalanceView(customerId.toString(), balance, request.currency()));
                });
    }

    @Put("/admin/points/rates/{itemType}/{itemId}")
    @Secured("ADMIN")
    public HttpResponse<?> setRate(Authentication authentication, @Pattern(regexp = "plan|sku") String itemType,
                                   @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String itemId,
                                   @Body @Valid PointsRequests.RateRequest request) {
        rates.setRate(itemType, itemId, request.pointsPerUnit());
        audit.save(AuditEntry.of(CurrentUser.of(authentication).userId().toString(), "points.rate-set",
                itemType + ":" + itemId, null, request.pointsPerUnit() + " points per unit"));
        return HttpResponse.noContent();
    }

    private String requireCustomer(Authentication authentication, UUID customerId) {
        if (!customers.existsById(customerId)) {
            throw ApiProblems.notFound("Customer", customerId);
        }
        return CurrentUser.of(authentication).userId().toString();
    }

    private static void nonZero(long amount, String pointer) {
        if (amount == 0) {
            throw new ProblemException(new Problem(ApiProblems.BASE + "validation", "Invalid request", 400,
                    "An adjustment moves something: zero is not one.", null,
                    java.util.List.of(new Problem.FieldError(pointer, "not zero"))));
        }
    }
}

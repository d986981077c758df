package io.perennial.api.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.idempotency.IdempotentRequests;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.api.subscription.SubscriptionChanges;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/** Operations on renewals, for staff only. */
@Controller("/v1/ops/renewals")
@Secured({"OPS", "ADMIN"})
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class RenewalOpsController {

    private final SubscriptionChanges changes;
    private final FailedRenewals failed;
    private final IdempotentRequests idempotency;

    public RenewalOpsController(SubscriptionChanges changes, FailedRenewals failed, IdempotentRequests idempotency) {
        this.changes = changes;
        this.failed = failed;
        this.idempotency = idempotency;
    }

    /**
     * Past-due subscriptions: declined (in dunning) or held while the payment provider was unavailable. Filter by
     * {@code reason}, {@code planId} and a window on when collecting first failed. On a real Temporal server the
     * filter is a visibility query and {@code after} its page token; otherwise the read model answers, oldest
     * failure first.
     */
    @Get("/failed")
    @ProblemResponses.InvalidRequest
    @ProblemResponses.NotFound
    public FailedRenewals.Page failed(@QueryValue @Nullable FailedRenewals.Reason reason,
                                      @QueryValue @Nullable @Pattern(regexp = "[a-z0-9][a-z0-9_-]*") String planId,
                                      @QueryValue @Nullable Instant failedSince,
                                      @QueryValue @Nullable Instant failedUntil,
                                      @QueryValue(defaultValue = "50") @Min(1) @Max(500) int limit,
                                      @QueryValue @Nullable @Size(max = 2048) String after) {
        return failed.list(reason, planId, failedSince, failedUntil, limit, after);
    }

    /**
     * Retries every failed renewal the filter selects, as one tracked batch (a workflow). Safe to run twice: no
     * period is ever charged twice, and a recovered subscription ignores the retry.
     */
    @Post("/retry")
    @ApiResponse(responseCode = "202",
            description = "The batch is started (or the first answer again, for a retry with the same Idempotency-Key)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FailedRenewals.Batch.class)))
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    public HttpResponse<?> retryAll(Authentication authentication,
                                    @Body @Valid FailedRenewals.BulkRetryRequest request,
                                    @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey) {
        CurrentUser caller = CurrentUser.of(authentication);
        return idempotency.run(caller.userId().toString(), "POST /v1/ops/renewals/retry", idempotencyKey, request,
                () -> {
                    FailedRenewals.Batch batch = failed.retryAll(caller, request, idempotencyKey);
                    return HttpResponse.accepted(URI.create("/v1/ops/renewals/retry/" + batch.batchId())).body(batch);
                });
    }

    @Get("/retry/{batchId}")
    @ProblemResponses.InvalidRequest
    @ProblemResponses.NotFound
    public FailedRenewals.Batch batch(UUID batchId) {
        return failed.batch(batchId);
    }

    /** @param reason why ops retries now, e.g. {@code provider_recovered}; kept in the workflow's log */
    @Serdeable
    public record RetryRequest(@Nullable @Size(max = 64) @Pattern(regexp = "[a-z0-9_]+") String reason) {
    }

    /** Charges a past-due subscription's overdue invoice now instead of at its next scheduled retry. */
    @Post("/{subscriptionId}/retry")
    @Status(HttpStatus.ACCEPTED)
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public HttpResponse<Void> retryNow(Authentication authentication, UUID subscriptionId,
                                       @Body @Nullable @Valid RetryRequest request) {
        changes.retryPayment(CurrentUser.of(authentication), subscriptionId,
                request == null || request.reason() == null ? "ops_retry" : request.reason());
        return HttpResponse.accepted();
    }
}

package io.perennial.api.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.idempotency.IdempotentRequests;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.ops.PeriodRefundWorkflow;
import io.perennial.payment.RefundReceipt;
import io.perennial.payment.RefundRequest;
import io.perennial.subscription.SubscriptionRecord;
import io.perennial.subscription.SubscriptionRecordRepository;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * Ops give money back for a subscription's paid period: goodwill, a complaint, a service outage. Each refund is a
 * {@code PeriodRefundWorkflow} named after its key, so it happens once per {@code Idempotency-Key} (required: a
 * refund that cannot be retried safely is not offered), outlasts a provider outage, and never returns more than
 * the period's payments less what was already refunded. Audited.
 */
@Controller("/v1/ops/subscriptions/{subscriptionId}/refunds")
@Secured({"OPS", "ADMIN"})
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class RefundOpsController {

    @Serdeable
    public record OpsRefundRequest(
            @NotNull @Min(1) @Max(100_000) Integer period,
            @NotNull @Min(1) @Max(100_000_000) Long amountMinor,
            @NotNull @Pattern(regexp = "[a-z0-9_]{1,64}") String reason) {
    }

    /** What was given back: possibly less than asked, never more than the period's payments left. */
    @Serdeable
    public record RefundView(String refundId, String subscriptionId, int period, long amountMinor, String currency,
                             long askedMinor) {
    }

    private final WorkflowClient temporal;
    private final SubscriptionRecordRepository subscriptions;
    private final IdempotentRequests idempotency;
    private final AuditLog audit;

    public RefundOpsController(WorkflowClient temporal, SubscriptionRecordRepository subscriptions,
                               IdempotentRequests idempotency, AuditLog audit) {
        this.temporal = temporal;
        this.subscriptions = subscriptions;
        this.idempotency = idempotency;
        this.audit = audit;
    }

    @Post
    @ApiResponse(responseCode = "201", description = "Refunded (or the first answer again, for a retry with the "
            + "same Idempotency-Key)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RefundView.class)))
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    @ProblemResponses.RefundPending
    public HttpResponse<?> refund(Authentication authentication, UUID subscriptionId,
                                  @Body @Valid OpsRefundRequest request,
                                  @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey) {
        OpsRefunds.requireKey(idempotencyKey);
        SubscriptionRecord subscription = subscriptions.findById(subscriptionId)
                .orElseThrow(() -> ApiProblems.notFound("Subscription", subscriptionId));
        String actor = CurrentUser.of(authentication).userId().toString();
        String route = "POST /v1/ops/subscriptions/" + subscriptionId + "/refunds";
        return idempotency.run(actor, route, idempotencyKey, request, () -> {
            String refundKey = subscriptionId + ":ops:" + idempotencyKey;
            RefundReceipt receipt = give(new RefundRequest(refundKey, subscriptionId.toString(), request.period(),
                    request.amountMinor(), subscription.currency(), "ops_" + request.reason(), Instant.now()));
            audit.save(AuditEntry.of(actor, "refund.given", "subscription:" + subscriptionId, request.reason(),
                    receipt.amountMinor() + " " + receipt.currency() + " of period " + request.period()
                            + " (asked " + request.amountMinor() + "), key " + refundKey));
            if (receipt.amountMinor() == 0) {
                throw OpsRefunds.nothingToRefund("Period " + request.period() + " of subscription " + subscriptionId);
            }
            RefundView view = new RefundView(receipt.refundId(), subscriptionId.toString(), request.period(),
                    receipt.amountMinor(), receipt.currency(), request.amountMinor());
            return HttpResponse.created(view, URI.create("/v1/subscriptions/" + subscriptionId + "/payments"));
        });
    }

    private RefundReceipt give(RefundRequest request) {
        String workflowId = WorkflowIds.refund(request.refundKey());
        PeriodRefundWorkflow workflow = temporal.newWorkflowStub(PeriodRefundWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.SUBSCRIPTIONS)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setStaticSummary("Ops refund · subscription " + request.subscriptionId() + " · period "
                        + request.period())
                .build());
        return OpsRefunds.give(temporal, workflowId, () -> WorkflowClient.start(workflow::refund, request));
    }
}

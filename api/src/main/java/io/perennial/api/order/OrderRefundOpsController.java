package io.perennial.api.order;

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
import io.perennial.api.ops.OpsRefunds;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.order.OrderReadModel;
import io.perennial.order.OrderRecord;
import io.perennial.order.OrderRefundRequest;
import io.perennial.order.OrderRefundWorkflow;
import io.perennial.payment.RefundReceipt;
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

/**
 * Ops give money back for an order: a return, a damaged parcel, goodwill, a refund or part of one. Each refund is an
 * {@code OrderRefundWorkflow} named after its key, so it happens once per {@code Idempotency-Key} (required), outlasts
 * a provider outage, and never gives back more than the order's charge took less what was given back already (the
 * order's own refund, refunds made at the provider, earlier ops refunds). Audited. A subscription box is refunded
 * through its subscription's period ({@code /v1/ops/subscriptions/{id}/refunds}): it charged nothing itself.
 */
@Controller("/v1/ops/orders/{orderId}/refunds")
@Secured({"OPS", "ADMIN"})
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class OrderRefundOpsController {

    @Serdeable
    public record OrderRefundBody(
            @NotNull @Min(1) @Max(100_000_000) Long amountMinor,
            @NotNull @Pattern(regexp = "[a-z0-9_]{1,64}") String reason) {
    }

    /** What was given back: possibly less than asked, never more than the charge has left. */
    @Serdeable
    public record OrderRefundView(String refundId, String orderId, long amountMinor, String currency,
                                  long askedMinor) {
    }

    private final WorkflowClient temporal;
    private final OrderReadModel orders;
    private final IdempotentRequests idempotency;
    private final AuditLog audit;

    public OrderRefundOpsController(WorkflowClient temporal, OrderReadModel orders, IdempotentRequests idempotency,
                                    AuditLog audit) {
        this.temporal = temporal;
        this.orders = orders;
        this.idempotency = idempotency;
        this.audit = audit;
    }

    @Post
    @ApiResponse(responseCode = "201", description = "Refunded (or the first answer again, for a retry with the "
            + "same Idempotency-Key)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrderRefundView.class)))
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    @ProblemResponses.RefundPending
    public HttpResponse<?> refund(Authentication authentication,
                                  @Pattern(regexp = OrderController.ORDER_ID) String orderId,
                                  @Body @Valid OrderRefundBody request,
                                  @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey) {
        OpsRefunds.requireKey(idempotencyKey);
        OrderRecord order = orders.find(orderId).orElseThrow(() -> ApiProblems.notFound("Order", orderId));
        if (order.box()) {
            // Prepaid by its subscription's period: the money is the period's, refunded there.
            throw new ProblemException(new Problem(ApiProblems.BASE + "nothing-to-refund", "Nothing to refund", 409,
                    "Order " + orderId + " is a subscription box paid by period " + order.period()
                            + " of subscription " + order.subscriptionId() + ": refund that period (POST /v1/ops/"
                            + "subscriptions/" + order.subscriptionId() + "/refunds).", null, null));
        }
        String actor = CurrentUser.of(authentication).userId().toString();
        String route = "POST /v1/ops/orders/" + orderId + "/refunds";
        return idempotency.run(actor, route, idempotencyKey, request, () -> {
            String refundKey = "order-" + orderId + ":ops:" + idempotencyKey;
            RefundReceipt receipt = give(new OrderRefundRequest(refundKey, orderId, request.amountMinor(),
                    "ops_" + request.reason(), Instant.now()));
            audit.save(AuditEntry.of(actor, "order.refund.given", "order:" + orderId, request.reason(),
                    receipt.amountMinor() + " " + (receipt.currency() == null ? order.currency() : receipt.currency())
                            + " (asked " + request.amountMinor() + "), key " + refundKey));
            if (receipt.amountMinor() == 0) {
                throw OpsRefunds.nothingToRefund("Order " + orderId);
            }
            OrderRefundView view = new OrderRefundView(receipt.refundId(), orderId, receipt.amountMinor(),
                    receipt.currency(), request.amountMinor());
            return HttpResponse.created(view, URI.create("/v1/ops/orders/" + orderId));
        });
    }

    private RefundReceipt give(OrderRefundRequest request) {
        String workflowId = WorkflowIds.refund(request.refundKey());
        OrderRefundWorkflow workflow = temporal.newWorkflowStub(OrderRefundWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.ORDERS)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setStaticSummary("Ops refund · order " + request.orderId())
                .build());
        return OpsRefunds.give(temporal, workflowId, () -> WorkflowClient.start(workflow::refund, request));
    }
}

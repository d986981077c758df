package io.perennial.api.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.providerevent.PaymentDispute;
import io.perennial.providerevent.PaymentDisputeRepository;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Instant;
import java.util.List;

/**
 * Disputes (chargebacks) the payment provider reported, newest first: ops answer each at the provider before its
 * deadline. Each also marks its invoice disputed ({@code GET /v1/invoices/{id}}) and is in the audit log; a dispute
 * of an order's charge has {@code kind} ORDER and its {@code orderId} instead of a subscription and invoice.
 */
@Controller("/v1/ops/disputes")
@Secured({"OPS", "ADMIN"})
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class DisputeOpsController {

    @Serdeable
    public record Dispute(String disputeId, @Nullable String subscriptionId, @Nullable String invoiceId,
                          String paymentId, long amountMinor, String currency, @Nullable String reason,
                          Instant openedAt, String eventId, String status, @Nullable Instant closedAt,
                          String kind, @Nullable String orderId) {
        static Dispute of(PaymentDispute dispute) {
            return new Dispute(dispute.disputeId(),
                    dispute.subscriptionId() == null ? null : dispute.subscriptionId().toString(),
                    dispute.invoiceId() == null ? null : dispute.invoiceId().toString(), dispute.paymentId().toString(),
                    dispute.amountMinor(), dispute.currency(), dispute.reason(), dispute.openedAt(),
                    dispute.eventId(), dispute.status(), dispute.closedAt(), dispute.kind(), dispute.orderId());
        }
    }

    @Serdeable
    public record Disputes(List<Dispute> items) {
    }

    private final PaymentDisputeRepository disputes;

    public DisputeOpsController(PaymentDisputeRepository disputes) {
        this.disputes = disputes;
    }

    @Get
    @Operation(operationId = "listDisputes")
    @ProblemResponses.InvalidRequest
    public Disputes list(@QueryValue(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return new Disputes(disputes.findLatest(limit).stream().map(Dispute::of).toList());
    }
}

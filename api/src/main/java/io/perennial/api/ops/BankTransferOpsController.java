package io.perennial.api.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.billing.BankTransferReceipt;
import io.perennial.billing.BankTransferRecord;
import io.perennial.billing.BankTransferRepository;
import io.perennial.billing.BankTransfers;
import io.perennial.billing.IncomingBankTransfer;
import io.perennial.subscription.InvoicePaymentNotice;
import io.perennial.subscription.SubscriptionWorkflow;
import io.perennial.temporal.WorkflowIds;
import io.swagger.v3.oas.annotations.Operation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Incoming bank transfers, recorded by ops from the bank statement. One that matches a sent invoice exactly
 * (reference, amount, currency) pays it and its subscription is told; any other waits in the queue
 * ({@code ?status=UNMATCHED}), where ops assign it to an invoice or mark it refunded. Recording is idempotent by the
 * bank's transaction id; every change is audited.
 */
@Controller("/v1/ops/bank-transfers")
@Secured({"OPS", "ADMIN"})
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class BankTransferOpsController {

    private static final Logger log = LoggerFactory.getLogger(BankTransferOpsController.class);

    @Serdeable
    public record RecordBankTransferRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:/-]+") String bankTransactionId,
            @NotNull @Min(1) @Max(100_000_000_000L) Long amountMinor,
            @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
            @NotNull @Size(max = 140) String reference,
            @NotBlank @Size(max = 140) String payerName,
            @NotNull LocalDate valueDate) {
    }

    @Serdeable
    public record AssignRequest(@NotNull UUID invoiceId, @Nullable @Size(max = 500) String note) {
    }

    @Serdeable
    public record RefundedRequest(@Nullable @Size(max = 500) String note) {
    }

    /**
     * A transfer as recorded. {@code status}: MATCHED (it paid {@code invoiceId}), UNMATCHED (queued,
     * {@code unmatchedReason}: unknown_reference, currency_mismatch, underpaid, overpaid, invoice_not_open),
     * ASSIGNED (ops made it pay {@code invoiceId}), REFUNDED.
     */
    @Serdeable
    public record BankTransferView(String id, String bankTransactionId, long amountMinor, String currency,
                                   String reference, String payerName, LocalDate valueDate, String status,
                                   @Nullable String unmatchedReason, @Nullable String invoiceId,
                                   Instant recordedAt, @Nullable Instant resolvedAt, @Nullable String resolvedBy,
                                   @Nullable String note) {
        static BankTransferView of(BankTransferRecord t) {
            return new BankTransferView(t.id().toString(), t.bankTransactionId(), t.amountMinor(), t.currency(),
                    t.reference(), t.payerName(), t.valueDate(), t.status(), t.unmatchedReason(),
                    t.invoiceId() == null ? null : t.invoiceId().toString(), t.recordedAt(), t.resolvedAt(),
                    t.resolvedBy(), t.note());
        }
    }

    @Serdeable
    public record BankTransfersPage(List<BankTransferView> items) {
    }

    private final BankTransfers ledger;
    private final BankTransferRepository transfers;
    private final WorkflowClient temporal;
    private final AuditLog audit;

    public BankTransferOpsController(BankTransfers ledger, BankTransferRepository transfers, WorkflowClient temporal,
                                     AuditLog audit) {
        this.ledger = ledger;
        this.transfers = transfers;
        this.temporal = temporal;
        this.audit = audit;
    }

    @Post
    @Operation(operationId = "recordBankTransfer")
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    public HttpResponse<BankTransferView> record(Authentication authentication,
                                                 @Body @Valid RecordBankTransferRequest request) {
        String actor = CurrentUser.of(authentication).userId().toString();
        BankTransferReceipt receipt = ledger.record(new IncomingBankTransfer(request.bankTransactionId(),
                request.amountMinor(), request.currency(), request.reference().strip(), request.payerName().strip(),
                request.valueDate()), actor, Instant.now());
        switch (receipt.outcome()) {
            case REPEATED -> {
                return HttpResponse.ok(BankTransferView.of(receipt.transfer()));
            }
            case CONFLICTING -> throw new ProblemException(new Problem(ApiProblems.BASE + "bank-transfer-conflict",
                    "Bank transaction recorded with other details", 409, "Bank transaction "
                    + request.bankTransactionId() + " was recorded before with another amount, currency, reference "
                    + "or value date.", null, null));
            default -> {
            }
        }
        BankTransferRecord transfer = receipt.transfer();
        audit.save(AuditEntry.of(actor, "bank-transfer.recorded", "bank-transfer:" + transfer.id(), null,
                transfer.status() + (transfer.invoiceId() != null ? " invoice " + transfer.invoiceId()
                        : " " + transfer.unmatchedReason()) + ", " + transfer.amountMinor() + " "
                        + transfer.currency()));
        tell(receipt);
        return HttpResponse.created(BankTransferView.of(transfer), URI.create("/v1/ops/bank-transfers"));
    }

    @Get
    @Operation(operationId = "listBankTransfers")
    @ProblemResponses.InvalidRequest
    public BankTransfersPage list(@QueryValue(defaultValue = "UNMATCHED")
                                  @Pattern(regexp = "MATCHED|UNMATCHED|ASSIGNED|REFUNDED") String status,
                                  @QueryValue(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return new BankTransfersPage(transfers.findByStatus(status, limit).stream().map(BankTransferView::of)
                .toList());
    }

    @Post("/{id}/assign")
    @Operation(operationId = "assignBankTransfer")
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    public BankTransferView assign(Authentication authentication, UUID id, @Body @Valid AssignRequest request) {
        String actor = CurrentUser.of(authentication).userId().toString();
        BankTransferReceipt receipt = ledger.assign(id, request.invoiceId(), actor, request.note(), Instant.now());
        audit.save(AuditEntry.of(actor, "bank-transfer.assign", "bank-transfer:" + id, request.note(),
                receipt.outcome() + " invoice " + request.invoiceId()));
        BankTransferRecord done = resolved(id, receipt);
        tell(receipt);
        return BankTransferView.of(done);
    }

    @Post("/{id}/refund")
    @Operation(operationId = "markBankTransferRefunded")
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public BankTransferView refunded(Authentication authentication, UUID id, @Body @Valid RefundedRequest request) {
        String actor = CurrentUser.of(authentication).userId().toString();
        BankTransferReceipt receipt = ledger.markRefunded(id, actor, request.note(), Instant.now());
        audit.save(AuditEntry.of(actor, "bank-transfer.refunded", "bank-transfer:" + id, request.note(),
                receipt.outcome().name()));
        return BankTransferView.of(resolved(id, receipt));
    }

    private static BankTransferRecord resolved(UUID id, BankTransferReceipt receipt) {
        return switch (receipt.outcome()) {
            case RESOLVED -> receipt.transfer();
            case NOT_FOUND -> throw ApiProblems.notFound("Bank transfer", id);
            case INVOICE_NOT_FOUND -> throw ApiProblems.invalidReference("/invoiceId", "no such invoice");
            case NOT_IN_QUEUE -> throw refused(409, "bank-transfer-resolved", "Bank transfer " + id + " is "
                    + receipt.transfer().status() + "; only an UNMATCHED transfer can be assigned or refunded.");
            case INVOICE_NOT_OPEN -> throw refused(409, "invoice-not-open",
                    "The invoice is paid, void or written off; it cannot be paid by this transfer.");
            case CURRENCY_MISMATCH -> throw refused(422, "currency-mismatch",
                    "The transfer is in " + receipt.transfer().currency() + ", the invoice in another currency.");
            case AMOUNT_SHORT -> throw refused(422, "amount-short",
                    "The transfer is less than the invoice's total; it cannot pay it. Mark it refunded instead.");
            default -> throw new IllegalStateException("Unexpected outcome " + receipt.outcome());
        };
    }

    private static ProblemException refused(int status, String type, String detail) {
        return new ProblemException(new Problem(ApiProblems.BASE + type, "Bank transfer not applied", status, detail,
                null, null));
    }

    /** The subscription whose invoice was just paid reads the ledger; a lost notice is made up at the due date. */
    private void tell(BankTransferReceipt receipt) {
        if (receipt.paidSubscriptionId() == null) {
            return;
        }
        try {
            temporal.newUntypedWorkflowStub(WorkflowIds.subscription(receipt.paidSubscriptionId().toString()))
                    .signal(SubscriptionWorkflow.INVOICE_PAID,
                            new InvoicePaymentNotice(receipt.transfer().invoiceId().toString()));
        } catch (WorkflowNotFoundException ended) {
            log.info("Invoice {} was paid after its subscription {} ended", receipt.transfer().invoiceId(),
                    receipt.paidSubscriptionId());
        }
    }
}

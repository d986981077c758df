package io.perennial.api.creditnote;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.perennial.api.audit.AuditTrail;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.billing.CreditNoteView;
import io.perennial.api.idempotency.IdempotentRequests;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.billing.CreditNotes;
import io.perennial.ops.PeriodRefundWorkflow;
import io.perennial.payment.RefundRequest;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import jakarta.validation.Valid;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Admins correct an issued invoice with a credit note (the invoice is never edited): full or per line, with a
 * reason, refunding the payment method, crediting the customer's account or reducing what an open invoice has left
 * to pay. Audited; a retry with the same Idempotency-Key answers the same note. A refund runs as the ops refund
 * does, as a {@code PeriodRefundWorkflow} under the note's key, started once the note is stored; the invoice's
 * credit note shows its status.
 */
@Controller("/v1/admin/invoices/{invoiceId}/credit-notes")
@Secured("ADMIN")
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class CreditNoteAdminController {

    private final CreditNotes creditNotes;
    private final AuditTrail audit;
    private final IdempotentRequests idempotency;
    private final WorkflowClient temporal;

    public CreditNoteAdminController(CreditNotes creditNotes, AuditTrail audit, IdempotentRequests idempotency,
                                     WorkflowClient temporal) {
        this.creditNotes = creditNotes;
        this.audit = audit;
        this.idempotency = idempotency;
        this.temporal = temporal;
    }

    @Post
    @ApiResponse(responseCode = "201", description = "The credit note (or the first answer again, for a retry with "
            + "the same Idempotency-Key)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreditNoteView.class)))
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    public HttpResponse<?> create(Authentication authentication, UUID invoiceId,
                                  @Body @Valid CreditNoteRequest request,
                                  @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey) {
        CurrentUser caller = CurrentUser.of(authentication);
        return idempotency.run(caller.userId().toString(), "POST /v1/admin/invoices/" + invoiceId + "/credit-notes",
                idempotencyKey, request, () -> {
                    CreditNotes.Issued issued = audit.change(authentication, "credit-note.issued",
                            "invoice:" + invoiceId, request.reason(), () -> issue(invoiceId, request, caller),
                            note -> note.note().number() + ": " + note.note().totalMinor() + " "
                                    + note.note().currency() + " by " + note.note().outcome());
                    if (issued.note().refundKey() != null) {
                        refund(issued);
                    }
                    return HttpResponse.created(CreditNoteView.of(issued.note(), issued.lines(), null),
                            URI.create("/v1/invoices/" + invoiceId));
                });
    }

    private CreditNotes.Issued issue(UUID invoiceId, CreditNoteRequest request, CurrentUser caller) {
        List<CreditNotes.LineCredit> lines = request.lines() == null ? List.of() : request.lines().stream()
                .map(line -> new CreditNotes.LineCredit(line.lineNo(), line.amountMinor())).toList();
        try {
            return creditNotes.issue(new CreditNotes.Request(invoiceId, lines, request.reason(), request.outcome(),
                    caller.userId(), Instant.now()));
        } catch (CreditNotes.Refused refused) {
            throw switch (refused.refusal()) {
                case NOT_FOUND -> ApiProblems.notFound("Invoice", invoiceId);
                case INVALID_LINE -> ApiProblems.invalidReference(refused.pointer(), refused.getMessage());
                case EXCEEDS_CREDITABLE -> ApiProblems.notCreditable(refused.getMessage());
                case OUTCOME_NOT_POSSIBLE -> ApiProblems.creditOutcomeNotPossible(refused.getMessage());
            };
        }
    }

    /** Starts the refund under the note's key; a second start of the same key is the same refund. */
    private void refund(CreditNotes.Issued issued) {
        RefundRequest request = new RefundRequest(issued.note().refundKey(),
                issued.invoice().subscriptionId().toString(), issued.invoice().period(), issued.note().totalMinor(),
                issued.note().currency(), "credit_note", issued.note().issuedAt());
        PeriodRefundWorkflow workflow = temporal.newWorkflowStub(PeriodRefundWorkflow.class, WorkflowOptions
                .newBuilder()
                .setWorkflowId(WorkflowIds.refund(request.refundKey()))
                .setTaskQueue(TaskQueues.SUBSCRIPTIONS)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setStaticSummary("Credit note " + issued.note().number() + " · refund")
                .build());
        try {
            WorkflowClient.start(workflow::refund, request);
        } catch (WorkflowExecutionAlreadyStarted started) {
            // Started before for this note: that refund is the one.
        }
    }
}

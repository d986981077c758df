package io.perennial.api.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.reconciliation.DriftReports;
import io.perennial.reconciliation.ReconciliationFinding;
import io.perennial.reconciliation.ReconciliationRun;
import io.perennial.reconciliation.ReconciliationWorkflow;
import io.perennial.reconciliation.SweepReport;
import io.perennial.reconciliation.SweepRequest;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.swagger.v3.oas.annotations.Operation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The reconciliation sweep's drift reports: what each run found in doubt at the payment provider and what it fixed.
 * The sweep runs on a Temporal Schedule; ops may also run one now.
 */
@Controller("/v1/ops/reconciliation")
@Secured({"OPS", "ADMIN"})
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class ReconciliationOpsController {

    /** How long running a sweep by hand waits for it before answering 202 with the workflow to follow. */
    private static final long WAIT_SECONDS = 20;

    /**
     * One charge a run found in doubt.
     *
     * @param kind           {@code SUBSCRIPTION} (a subscription's charge: {@code subscriptionId}) or {@code ORDER}
     *                       (an order's charge: {@code orderId})
     */
    @Serdeable
    public record Finding(String kind, String paymentKey, @Nullable String subscriptionId, @Nullable String orderId,
                          long amountMinor, String currency, String providerSaid, String fix) {
        static Finding of(ReconciliationFinding finding) {
            return new Finding(finding.kind(), finding.idempotencyKey(),
                    finding.subscriptionId() == null ? null : finding.subscriptionId().toString(), finding.orderId(),
                    finding.amountMinor(), finding.currency(), finding.providerSaid(), finding.fix());
        }
    }

    /** The orders' part of a run's counts: their charges examined, settled, refunded and abandoned. */
    @Serdeable
    public record OrderCounts(int examined, int settled, int refunded, int abandoned) {
    }

    /** A run: its totals count subscriptions' and orders' charges together; {@code orders} is the orders' part. */
    @Serdeable
    public record Run(String runKey, String trigger, Instant at, int examined, int settled, int refunded,
                      int abandoned, int woken, int stillInDoubt, OrderCounts orders, List<Finding> findings) {
        static Run of(DriftReports.Report report) {
            ReconciliationRun run = report.run();
            return new Run(run.runKey(), run.trigger(), run.businessTime(), run.examined(), run.settled(),
                    run.refunded(), run.abandoned(), run.woken(), run.stillInDoubt(),
                    new OrderCounts(run.ordersExamined(), run.ordersSettled(), run.ordersRefunded(),
                            run.ordersAbandoned()),
                    report.findings().stream().map(Finding::of).toList());
        }
    }

    @Serdeable
    public record Runs(List<Run> items) {
    }

    /** What a sweep run by hand did (see the run in the list for its findings). */
    @Serdeable
    public record Counts(String runKey, int examined, int settled, int refunded, int abandoned, int woken,
                         int stillInDoubt) {
        static Counts of(SweepReport report) {
            return new Counts(report.runKey(), report.examined(), report.settled(), report.refunded(),
                    report.abandoned(), report.woken(), report.stillInDoubt());
        }
    }

    /** A sweep run by hand: its counts, or only its workflow when it has not finished within 20 s. */
    @Serdeable
    public record Started(String workflowId, @Nullable Counts counts) {
    }

    private final DriftReports reports;
    private final WorkflowClient temporal;

    public ReconciliationOpsController(DriftReports reports, WorkflowClient temporal) {
        this.reports = reports;
        this.temporal = temporal;
    }

    /** The latest runs, newest first; {@code drift=true} lists only runs that found something. */
    @Get
    @Operation(operationId = "listReconciliationRuns")
    @ProblemResponses.InvalidRequest
    public Runs list(@QueryValue(defaultValue = "20") @Min(1) @Max(200) int limit,
                     @QueryValue(defaultValue = "false") boolean drift) {
        return new Runs(reports.latest(drift, limit).stream().map(Run::of).toList());
    }

    /** Runs a sweep now (after an incident, say) instead of waiting for the Schedule. */
    @Post
    @Operation(operationId = "runReconciliation")
    public HttpResponse<Started> run(Authentication authentication) {
        String workflowId = WorkflowIds.reconciliation("ops-" + UUID.randomUUID());
        ReconciliationWorkflow sweep = temporal.newWorkflowStub(ReconciliationWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(TaskQueues.SUBSCRIPTIONS).build());
        WorkflowClient.start(sweep::run, new SweepRequest("ops:" + CurrentUser.of(authentication).userId()));
        try {
            SweepReport report = WorkflowStub.fromTyped(sweep).getResult(WAIT_SECONDS, TimeUnit.SECONDS,
                    SweepReport.class);
            return HttpResponse.ok(new Started(workflowId, Counts.of(report)));
        } catch (TimeoutException stillRunning) {
            return HttpResponse.accepted().body(new Started(workflowId, null));
        }
    }
}

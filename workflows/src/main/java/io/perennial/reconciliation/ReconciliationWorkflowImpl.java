package io.perennial.reconciliation;

import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;

import static io.perennial.temporal.BusinessTime.now;

public class ReconciliationWorkflowImpl implements ReconciliationWorkflow {

    private static final Logger log = Workflow.getLogger(ReconciliationWorkflowImpl.class);

    /** Asks the provider about up to a page of charges, each within the gateway's own timeout. */
    private final ReconciliationActivities sweeps = ActivityStubs.stub(ReconciliationActivities.class,
            Duration.ofMinutes(5), RetryPolicies.DATABASE);

    @Override
    public SweepReport run(SweepRequest request) {
        String runKey = Workflow.getInfo().getWorkflowId() + "/" + Workflow.getInfo().getRunId();
        SweepReport report = sweeps.sweep(new SweepRun(runKey, request.trigger(), now()));
        if (report.examined() > 0) {
            log.info("Reconciliation {}: {} examined, {} settled, {} refunded, {} abandoned, {} still in doubt",
                    runKey, report.examined(), report.settled(), report.refunded(), report.abandoned(),
                    report.stillInDoubt());
        }
        return report;
    }
}

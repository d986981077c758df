package io.perennial.periodic;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;

import static io.perennial.temporal.BusinessTime.now;

public class PeriodicJobLoopWorkflowImpl implements PeriodicJobLoopWorkflow {

    private static final Logger log = Workflow.getLogger(PeriodicJobLoopWorkflowImpl.class);

    /** Runs per workflow run before continuing as new, which keeps the history short. */
    static final int RUNS_PER_HISTORY = 50;

    @Override
    public void run(PeriodicJobLoop loop) {
        PeriodicJob job = loop.job();
        Duration every = Duration.ofSeconds(loop.everySeconds());
        // Due times on a fixed grid from this run's start, like a Schedule's; a run still going at a due time skips it.
        java.time.Instant due = now().plus(every);
        for (int run = 0; run < RUNS_PER_HISTORY; run++) {
            Duration wait = Duration.between(now(), due);
            if (!wait.isNegative() && !wait.isZero()) {
                Workflow.sleep(wait);
            }
            while (!due.isAfter(now())) {
                due = due.plus(every);
            }
            String runId = job.scheduleId() + "-" + now();
            try {
                Workflow.newUntypedChildWorkflowStub(job.workflowType(), ChildWorkflowOptions.newBuilder()
                                .setWorkflowId(runId)
                                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                                .build())
                        .execute(Object.class, job.argument());
            } catch (ChildWorkflowFailure failure) {
                // Like a Schedule: one failed run does not stop the next.
                log.warn("Periodic job {} run {} failed: {}", job, runId, failure.getMessage());
            }
        }
        Workflow.continueAsNew(loop);
    }
}

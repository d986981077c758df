package io.perennial.ops;

import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;

public class OpsBatchWorkflowImpl implements OpsBatchWorkflow {
    private static final Logger log = Workflow.getLogger(OpsBatchWorkflowImpl.class);

    private final OpsBatchActivities counts = ActivityStubs.stub(OpsBatchActivities.class, Duration.ofSeconds(30),
            RetryPolicies.DATABASE);
    /**
     * A page takes as long as its rate allows: a long timeout, with a heartbeat to notice a dead worker. A retried
     * page skips the items whose results it stored already.
     */
    private final OpsBatchActivities pages = Workflow.newActivityStub(OpsBatchActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(30))
                    .setHeartbeatTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryPolicies.DATABASE)
                    .build());

    private OpsBatchProgress progress;

    @Override
    public OpsBatchProgress run(OpsBatchRequest request) {
        progress = request.position() != null ? progressAt(request, request.position(), false)
                : new OpsBatchProgress(request.kind(), -1, 0, 0, false, 1);
        OpsBatchPosition at = request.position() != null ? request.position()
                : new OpsBatchPosition(null, counts.count(request), 0, 0, 1);
        OpsBatchPace pace = request.pace();
        int doneThisRun = 0;
        while (true) {
            progress = progressAt(request, at, false);
            if (doneThisRun >= pace.itemsPerRun()) {
                Workflow.continueAsNew(request.continuedAt(new OpsBatchPosition(at.cursor(), at.selected(),
                        at.succeeded(), at.failed(), at.run() + 1)));
            }
            int limit = Math.min(pace.pageSize(), pace.itemsPerRun() - doneThisRun);
            OpsBatchPage.Result page = pages.runPage(new OpsBatchPage.Request(request, at.cursor(), limit));
            // Counted in slots, not results: pages of items done before (skipped) still end the run in time.
            doneThisRun += limit;
            at = new OpsBatchPosition(page.nextCursor(), at.selected(), at.succeeded() + page.succeeded(),
                    at.failed() + page.failed(), at.run());
            if (page.nextCursor() == null) {
                progress = progressAt(request, at, true);
                log.info("Ops batch {} ({}) done: {} succeeded, {} failed", request.batchId(), request.kind(),
                        at.succeeded(), at.failed());
                return progress;
            }
        }
    }

    private static OpsBatchProgress progressAt(OpsBatchRequest request, OpsBatchPosition at, boolean done) {
        return new OpsBatchProgress(request.kind(), at.selected(), at.succeeded(), at.failed(), done, at.run());
    }

    @Override
    public OpsBatchProgress progress() {
        return progress;
    }
}

package io.perennial.ops;

import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class RenewalRetryBatchWorkflowImpl implements RenewalRetryBatchWorkflow {
    private static final Logger log = Workflow.getLogger(RenewalRetryBatchWorkflowImpl.class);

    /** Reads our database and signals subscriptions: retried like the database, for as long as it takes. */
    private final RenewalOpsActivities ops = ActivityStubs.stub(RenewalOpsActivities.class, Duration.ofSeconds(30),
            RetryPolicies.DATABASE);

    private int selected;
    private int retried;
    private final List<String> skipped = new ArrayList<>();
    private boolean done;

    @Override
    public RenewalRetryProgress run(RenewalRetryRequest request) {
        List<String> subscriptions = ops.selectFailedRenewals(request.filter());
        selected = subscriptions.size();
        String reason = "bulk retry " + Workflow.getInfo().getWorkflowId()
                + (request.note() == null ? "" : ": " + request.note());
        for (String subscriptionId : subscriptions) {
            if (ops.retryNow(subscriptionId, request.requestedBy(), reason)) {
                retried++;
            } else {
                skipped.add(subscriptionId);
            }
        }
        done = true;
        log.info("Bulk retry asked {} of {} failed renewals to retry now", retried, selected);
        return progress();
    }

    @Override
    public RenewalRetryProgress progress() {
        return new RenewalRetryProgress(selected, retried, List.copyOf(skipped), done);
    }
}

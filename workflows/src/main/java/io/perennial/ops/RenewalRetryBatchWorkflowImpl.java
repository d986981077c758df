package io.perennial.ops;

import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

public class RenewalRetryBatchWorkflowImpl implements RenewalRetryBatchWorkflow {
    private static final Logger log = Workflow.getLogger(RenewalRetryBatchWorkflowImpl.class);

    /**
     * Batches started before this change select every subscription at once and signal them one activity each (about
     * six history events per subscription); from it on a batch signals a page per activity and continues as new
     * every {@link RenewalRetryRequest#subscriptionsPerRun()} subscriptions.
     */
    static final String PAGES = "renewal-retry-pages";
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int DEFAULT_SUBSCRIPTIONS_PER_RUN = 2_000;
    /** How many ended subscriptions the progress names; it counts them all. */
    static final int SKIPPED_SHOWN = 100;

    /** Reads our database and signals subscriptions: retried like the database, for as long as it takes. */
    private final RenewalOpsActivities ops = ActivityStubs.stub(RenewalOpsActivities.class, Duration.ofSeconds(30),
            RetryPolicies.DATABASE);
    /** A page signals up to a few hundred workflows: a longer timeout, with a heartbeat to notice a dead worker. */
    private final RenewalOpsActivities pages = Workflow.newActivityStub(RenewalOpsActivities.class,
            io.temporal.activity.ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(5))
                    .setHeartbeatTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryPolicies.DATABASE)
                    .build());

    private RenewalRetryProgress progress = new RenewalRetryProgress(0, 0, List.of(), false, 0, 1);

    @Override
    public RenewalRetryProgress run(RenewalRetryRequest request) {
        if (request.position() == null && Workflow.getVersion(PAGES, Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION) {
            return runAllAtOnce(request);
        }
        RenewalRetryPosition at = request.position() != null ? request.position() : firstPosition(request.filter());
        int pageSize = positive(request.pageSize(), DEFAULT_PAGE_SIZE);
        int perRun = positive(request.subscriptionsPerRun(), DEFAULT_SUBSCRIPTIONS_PER_RUN);
        String reason = reason(request);
        int doneThisRun = 0;
        while (true) {
            progress = progressAt(at, false);
            if (doneThisRun >= perRun) {
                log.info("Bulk retry run {} done ({} so far); continuing as new", at.run(),
                        at.retried() + at.skippedCount());
                RenewalRetryPosition next = new RenewalRetryPosition(at.filter(), at.afterSince(), at.afterId(),
                        at.selected(), at.retried(), at.skippedCount(), at.skipped(), at.run() + 1);
                Workflow.continueAsNew(request.continuedAt(next));
            }
            int limit = Math.min(pageSize, perRun - doneThisRun);
            RenewalRetryPage.Result page = pages.retryPage(new RenewalRetryPage.Request(at.filter(), at.afterSince(),
                    at.afterId(), limit, request.requestedBy(), reason));
            doneThisRun += page.selected();
            at = advance(at, page);
            if (page.selected() < limit) {
                progress = progressAt(at, true);
                log.info("Bulk retry asked {} failed renewals to retry now; {} had ended", at.retried(),
                        at.skippedCount());
                return progress;
            }
        }
    }

    /** The window ends when the batch starts: renewals that fail later are not this batch's. */
    private RenewalRetryPosition firstPosition(RenewalRetryFilter asked) {
        Instant started = Instant.ofEpochMilli(Workflow.currentTimeMillis());
        Instant until = asked.failedUntil() == null || asked.failedUntil().isAfter(started)
                ? started : asked.failedUntil();
        RenewalRetryFilter filter = new RenewalRetryFilter(asked.reason(), asked.planId(), asked.failedSince(), until);
        return new RenewalRetryPosition(filter, null, null, ops.countFailedRenewals(filter), 0, 0, List.of(), 1);
    }

    private static RenewalRetryPosition advance(RenewalRetryPosition at, RenewalRetryPage.Result page) {
        List<String> skipped = new ArrayList<>(at.skipped());
        page.skipped().stream().limit(Math.max(0, SKIPPED_SHOWN - skipped.size())).forEach(skipped::add);
        boolean moved = page.selected() > 0;
        // Renewals that failed between the count and the page inside the window are counted when they are taken.
        int taken = at.retried() + at.skippedCount() + page.selected();
        return new RenewalRetryPosition(at.filter(), moved ? page.lastSince() : at.afterSince(),
                moved ? page.lastId() : at.afterId(), Math.max(at.selected(), taken), at.retried() + page.retried(),
                at.skippedCount() + page.skipped().size(), List.copyOf(skipped), at.run());
    }

    private static RenewalRetryProgress progressAt(RenewalRetryPosition at, boolean done) {
        return new RenewalRetryProgress(at.selected(), at.retried(), at.skipped(), done, at.skippedCount(), at.run());
    }

    private static int positive(Integer value, int otherwise) {
        return value == null || value < 1 ? otherwise : value;
    }

    private static String reason(RenewalRetryRequest request) {
        return "bulk retry " + Workflow.getInfo().getWorkflowId()
                + (request.note() == null ? "" : ": " + request.note());
    }

    /** The batch as it ran before {@link #PAGES}: one selection, one activity per subscription, one run. */
    private RenewalRetryProgress runAllAtOnce(RenewalRetryRequest request) {
        List<String> subscriptions = ops.selectFailedRenewals(request.filter());
        String reason = reason(request);
        int retried = 0;
        List<String> skipped = new ArrayList<>();
        progress = new RenewalRetryProgress(subscriptions.size(), 0, List.of(), false);
        for (String subscriptionId : subscriptions) {
            if (ops.retryNow(subscriptionId, request.requestedBy(), reason)) {
                retried++;
            } else {
                skipped.add(subscriptionId);
            }
            progress = new RenewalRetryProgress(subscriptions.size(), retried, List.copyOf(skipped), false);
        }
        progress = new RenewalRetryProgress(subscriptions.size(), retried, List.copyOf(skipped), true);
        log.info("Bulk retry asked {} of {} failed renewals to retry now", retried, subscriptions.size());
        return progress;
    }

    @Override
    public RenewalRetryProgress progress() {
        return progress;
    }
}

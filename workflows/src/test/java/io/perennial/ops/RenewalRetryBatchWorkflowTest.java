package io.perennial.ops;

import io.perennial.temporal.WorkflowIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class RenewalRetryBatchWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(RenewalRetryBatchWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    static final Path HISTORIES = Path.of("src/test/resources/histories");

    /** Failed renewals one a minute from 2027-02-28; every 400th subscription's workflow has ended since. */
    static final class FakePagedOps implements RenewalOpsActivities {
        final List<String> failed = new ArrayList<>();
        final Map<String, Integer> retried = new ConcurrentHashMap<>();
        final List<RenewalRetryFilter> counted = new ArrayList<>();
        final AtomicReference<Runnable> atSubscription1200 = new AtomicReference<>(() -> { });

        FakePagedOps(int count) {
            for (int i = 0; i < count; i++) {
                failed.add("sub-%05d".formatted(i));
            }
        }

        static Instant since(String id) {
            return Instant.parse("2027-02-28T00:00:00Z").plusSeconds(60L * Integer.parseInt(id.substring(4)));
        }

        @Override
        public int countFailedRenewals(RenewalRetryFilter filter) {
            counted.add(filter);
            return failed.size();
        }

        @Override
        public RenewalRetryPage.Result retryPage(RenewalRetryPage.Request request) {
            List<String> page = failed.stream()
                    .filter(id -> request.afterId() == null || id.compareTo(request.afterId()) > 0)
                    .limit(request.limit()).toList();
            if (page.contains("sub-01200")) {
                atSubscription1200.get().run();
            }
            int done = 0;
            List<String> skipped = new ArrayList<>();
            for (String id : page) {
                if (Integer.parseInt(id.substring(4)) % 400 == 7) {
                    skipped.add(id);
                } else {
                    retried.merge(id, 1, Integer::sum);
                    done++;
                }
            }
            String last = page.isEmpty() ? null : page.get(page.size() - 1);
            return new RenewalRetryPage.Result(page.size(), done, skipped, last == null ? null : since(last), last);
        }

        @Override
        public List<String> selectFailedRenewals(RenewalRetryFilter filter) {
            throw new UnsupportedOperationException("only batches started before renewal-retry-pages select all");
        }

        @Override
        public boolean retryNow(String subscriptionId, String requestedBy, String reason) {
            throw new UnsupportedOperationException("only batches started before renewal-retry-pages retry one by one");
        }
    }

    @Test
    void aBulkRetryOfTwoThousandFiveHundredRenewalsContinuesAsNewSoNoRunsHistoryGrowsWithTheBatch(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) throws Exception {
        FakePagedOps ops = new FakePagedOps(2_500);
        worker.registerActivitiesImplementations(ops);
        env.start();
        String workflowId = WorkflowIds.renewalRetry("batch-paged");
        RenewalRetryBatchWorkflow batch = client.newWorkflowStub(RenewalRetryBatchWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(worker.getTaskQueue()).build());
        AtomicReference<RenewalRetryProgress> midway = new AtomicReference<>();
        ops.atSubscription1200.set(() -> midway.set(
                client.newWorkflowStub(RenewalRetryBatchWorkflow.class, workflowId).progress()));
        RenewalRetryFilter filter = new RenewalRetryFilter("gateway_unavailable", null, null, null);

        WorkflowExecution first = WorkflowClient.start(batch::run,
                new RenewalRetryRequest(filter, "ops-ada", "provider back", 25, 100, null));
        RenewalRetryProgress result = WorkflowStub.fromTyped(batch).getResult(RenewalRetryProgress.class);

        // 7 of 2,500 had ended: counted all, the first 100 named (here all 7).
        assertThat(result).isEqualTo(new RenewalRetryProgress(2_500, 2_493,
                List.of("sub-00007", "sub-00407", "sub-00807", "sub-01207", "sub-01607", "sub-02007", "sub-02407"),
                true, 7, 26));
        assertThat(result.remaining()).isZero();
        assertThat(ops.retried).hasSize(2_493).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
        // The window was closed at the start, so renewals failing during the batch are not chased.
        assertThat(ops.counted).singleElement().satisfies(counted -> assertThat(counted.failedUntil()).isNotNull());
        // Visible while it runs: the query reaches the current run, which carries the counts of the runs before.
        assertThat(midway.get().retried() + midway.get().skippedCount()).isEqualTo(1_200);
        assertThat(midway.get().run()).isEqualTo(13);
        assertThat(midway.get().remaining()).isEqualTo(1_300);

        List<WorkflowExecutionHistory> runs = runs(client, workflowId, first.getRunId());
        assertThat(runs).hasSize(26);
        int largest = runs.stream().mapToInt(run -> run.getEvents().size()).max().orElseThrow();
        // 4 pages of 25 (6 events each) plus start, count and continue-as-new: the same for 2,500 or 100,000.
        assertThat(largest).isLessThanOrEqualTo(40);
        if (Boolean.getBoolean("perennial.record-histories")) {
            Files.writeString(HISTORIES.resolve("renewal-retry-batch-pages-first-run.json"),
                    runs.get(0).toJson(true));
            Files.writeString(HISTORIES.resolve("renewal-retry-batch-pages-last-run.json"),
                    runs.get(runs.size() - 1).toJson(true));
        }
        for (String recorded : List.of("renewal-retry-batch-pages-first-run.json",
                "renewal-retry-batch-pages-last-run.json")) {
            WorkflowReplayer.replayWorkflowExecution(
                    WorkflowExecutionHistory.fromJson(Files.readString(HISTORIES.resolve(recorded))),
                    RenewalRetryBatchWorkflowImpl.class);
        }
    }

    /** A batch started before {@code renewal-retry-pages} still replays: one selection, one activity each. */
    @Test
    void aBatchStartedBeforePagesStillReplays() throws Exception {
        WorkflowReplayer.replayWorkflowExecution(
                WorkflowExecutionHistory.fromJson(Files.readString(HISTORIES.resolve("renewal-retry-batch.json"))),
                RenewalRetryBatchWorkflowImpl.class);
    }

    /** Every run of the batch, first to last, following each run's continue-as-new. */
    private static List<WorkflowExecutionHistory> runs(WorkflowClient client, String workflowId, String firstRunId) {
        List<WorkflowExecutionHistory> runs = new ArrayList<>();
        String runId = firstRunId;
        while (runId != null) {
            WorkflowExecutionHistory run = client.fetchHistory(workflowId, runId);
            runs.add(run);
            HistoryEvent last = run.getLastEvent();
            runId = last.hasWorkflowExecutionContinuedAsNewEventAttributes()
                    ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId() : null;
        }
        return runs;
    }
}

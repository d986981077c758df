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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class OpsBatchWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(OpsBatchWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    static final Path HISTORIES = Path.of("src/test/resources/histories");

    /** 1,000 subscriptions to migrate; every 100th refuses (its workflow ended). The cursor is the last index. */
    static final class FakeBatchItems implements OpsBatchActivities {
        final Map<Integer, String> results = new ConcurrentHashMap<>();
        final AtomicReference<Runnable> atItem500 = new AtomicReference<>(() -> { });

        @Override
        public int count(OpsBatchRequest batch) {
            return 1_000;
        }

        @Override
        public OpsBatchPage.Result runPage(OpsBatchPage.Request page) {
            int from = page.cursor() == null ? 0 : Integer.parseInt(page.cursor()) + 1;
            int to = Math.min(1_000, from + page.limit());
            int succeeded = 0;
            for (int i = from; i < to; i++) {
                if (i == 500) {
                    atItem500.get().run();
                }
                String result = i % 100 == 42 ? "FAILED" : "SUCCEEDED";
                results.merge(i, result, (a, b) -> a + "+" + b);
                succeeded += result.equals("SUCCEEDED") ? 1 : 0;
            }
            return new OpsBatchPage.Result(succeeded, (to - from) - succeeded,
                    to - from < page.limit() ? null : String.valueOf(to - 1));
        }
    }

    @Test
    void aMigrationOfAThousandSubscriptionsRunsInBoundedRunsAndShowsItsProgressOnTheWay(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) throws Exception {
        FakeBatchItems items = new FakeBatchItems();
        worker.registerActivitiesImplementations(items);
        env.start();
        String workflowId = WorkflowIds.opsBatch("batch-migration");
        OpsBatchWorkflow batch = client.newWorkflowStub(OpsBatchWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(worker.getTaskQueue()).build());
        AtomicReference<OpsBatchProgress> midway = new AtomicReference<>();
        items.atItem500.set(() -> midway.set(
                client.newWorkflowStub(OpsBatchWorkflow.class, workflowId).progress()));

        WorkflowExecution first = WorkflowClient.start(batch::run, new OpsBatchRequest("batch-migration",
                OpsBatchKind.PLAN_MIGRATION, "admin-1", "plan_coffee", 2, null, "plan_coffee to version 2",
                new OpsBatchPace(20, 100, 50), null));
        OpsBatchProgress result = WorkflowStub.fromTyped(batch).getResult(OpsBatchProgress.class);

        assertThat(result).isEqualTo(new OpsBatchProgress(OpsBatchKind.PLAN_MIGRATION, 1_000, 990, 10, true, 11));
        assertThat(result.remaining()).isZero();
        assertThat(items.results).hasSize(1_000).allSatisfy((item, outcome) -> assertThat(outcome).doesNotContain("+"));
        assertThat(midway.get()).isEqualTo(new OpsBatchProgress(OpsBatchKind.PLAN_MIGRATION, 1_000, 495, 5, false, 6));
        assertThat(midway.get().remaining()).isEqualTo(500);

        List<WorkflowExecutionHistory> runs = new ArrayList<>();
        for (String runId = first.getRunId(); runId != null; ) {
            WorkflowExecutionHistory run = client.fetchHistory(workflowId, runId);
            runs.add(run);
            HistoryEvent last = run.getLastEvent();
            runId = last.hasWorkflowExecutionContinuedAsNewEventAttributes()
                    ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId() : null;
        }
        assertThat(runs).hasSize(11);
        // 5 pages of 20 (6 events each), the start, the count and the continue-as-new: whatever the batch's size.
        assertThat(runs.stream().mapToInt(run -> run.getEvents().size()).max().orElseThrow()).isLessThanOrEqualTo(45);
        if (Boolean.getBoolean("perennial.record-histories")) {
            Files.writeString(HISTORIES.resolve("ops-batch-first-run.json"), runs.get(0).toJson(true));
        }
        WorkflowReplayer.replayWorkflowExecution(
                WorkflowExecutionHistory.fromJson(Files.readString(HISTORIES.resolve("ops-batch-first-run.json"))),
                OpsBatchWorkflowImpl.class);
    }
}

package io.perennial.reconciliation;

import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class ReconciliationWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(ReconciliationWorkflowImpl.class)
            .setInitialTime(Instant.parse("2027-02-28T10:00:00Z"))
            .setDoNotStart(true)
            .build();

    /** Settles one lost answer and wakes its held renewal. */
    static final class OneLostAnswer implements ReconciliationActivities {
        final List<SweepRun> runs = new CopyOnWriteArrayList<>();

        @Override
        public SweepReport sweep(SweepRun run) {
            runs.add(run);
            return new SweepReport(run.runKey(), 1, 1, 0, 0, 1, 0);
        }
    }

    @Test
    void aSweepRunsOnceAtTheWorkflowsTimeUnderAKeyFromItsRun(TestWorkflowEnvironment env, WorkflowClient client,
                                                             Worker worker) throws Exception {
        OneLostAnswer activities = new OneLostAnswer();
        worker.registerActivitiesImplementations(activities);
        env.start();
        String workflowId = WorkflowIds.reconciliation("ops-1");
        ReconciliationWorkflow sweep = client.newWorkflowStub(ReconciliationWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(worker.getTaskQueue()).build());

        SweepReport report = sweep.run(new SweepRequest("ops:ada"));

        assertThat(activities.runs).singleElement().satisfies(run -> {
            assertThat(run.runKey()).startsWith(workflowId + "/");
            assertThat(run.trigger()).isEqualTo("ops:ada");
            assertThat(run.businessTime()).isBetween(Instant.parse("2027-02-28T10:00:00Z"),
                    Instant.parse("2027-02-28T10:01:00Z"));
        });
        assertThat(report.settled()).isEqualTo(1);
        assertThat(report.woken()).isEqualTo(1);

        Path recorded = Path.of("src/test/resources/histories/reconciliation-sweep.json");
        if (Boolean.getBoolean("perennial.record-histories")) {
            Files.writeString(recorded, client.fetchHistory(workflowId).toJson(true));
        }
        WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(recorded)),
                ReconciliationWorkflowImpl.class);
    }
}

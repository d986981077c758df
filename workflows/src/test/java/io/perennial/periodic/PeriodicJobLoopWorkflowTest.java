package io.perennial.periodic;

import io.perennial.reconciliation.ReconciliationActivities;
import io.perennial.reconciliation.ReconciliationWorkflowImpl;
import io.perennial.reconciliation.SweepReport;
import io.perennial.reconciliation.SweepRun;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded mode's stand-in for a Schedule: the job runs on a timer of the (test) clock, one child workflow per
 * run, under the Schedule's id.
 */
class PeriodicJobLoopWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(PeriodicJobLoopWorkflowImpl.class, ReconciliationWorkflowImpl.class,
                    PurgeWorkflowImpl.class)
            .setInitialTime(Instant.parse("2027-02-28T10:00:00Z"))
            .setDoNotStart(true)
            .build();

    static final class Sweeps implements ReconciliationActivities {
        final List<SweepRun> runs = new CopyOnWriteArrayList<>();

        @Override
        public SweepReport sweep(SweepRun run) {
            runs.add(run);
            return new SweepReport(run.runKey(), 0, 0, 0, 0, 0, 0);
        }
    }

    static final class Purges implements PurgeActivities {
        final List<PurgeRequest> requests = new CopyOnWriteArrayList<>();

        @Override
        public PurgeResult purge(PurgeRequest request) {
            requests.add(request);
            return new PurgeResult(request.kind(), 2);
        }
    }

    @Test
    void anHourOfTheClockRunsTheSweepEveryTwentyMinutesAsChildrenNamedAfterTheSchedule(TestWorkflowEnvironment env,
                                                                                      WorkflowClient client,
                                                                                      Worker worker)
            throws Exception {
        Sweeps sweeps = new Sweeps();
        worker.registerActivitiesImplementations(sweeps, new Purges());
        env.start();
        PeriodicJobLoopWorkflow loop = client.newWorkflowStub(PeriodicJobLoopWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(PeriodicJob.RECONCILIATION.scheduleId())
                        .setTaskQueue(worker.getTaskQueue()).build());
        WorkflowClient.start(loop::run, new PeriodicJobLoop(PeriodicJob.RECONCILIATION, 1200));

        env.sleep(Duration.ofMinutes(65));

        assertThat(sweeps.runs).hasSize(3).allSatisfy(run -> {
            assertThat(run.trigger()).isEqualTo("schedule");
            assertThat(run.runKey()).startsWith("schedule-reconciliation-2027-02-28T1");
        });
        List<Instant> at = sweeps.runs.stream().map(SweepRun::businessTime).toList();
        assertThat(at.get(0)).isBetween(Instant.parse("2027-02-28T10:20:00Z"), Instant.parse("2027-02-28T10:21:00Z"));
        // Due every 20 minutes on a grid; each run reads the clock a moment after it is due.
        assertThat(Duration.between(at.get(0), at.get(2)).toSeconds()).isBetween(2398L, 2402L);
        assertThat(Duration.between(at.get(0), at.get(1)).toSeconds()).isBetween(1198L, 1202L);

        Path recorded = Path.of("src/test/resources/histories/periodic-job-loop-reconciliation.json");
        if (Boolean.getBoolean("perennial.record-histories")) {
            Files.writeString(recorded, client.fetchHistory(PeriodicJob.RECONCILIATION.scheduleId()).toJson(true));
        }
        WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(recorded)),
                PeriodicJobLoopWorkflowImpl.class);
    }

    @Test
    void aPurgeRunsWithItsKindOnItsOwnLoop(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        Purges purges = new Purges();
        worker.registerActivitiesImplementations(new Sweeps(), purges);
        env.start();
        PeriodicJobLoopWorkflow loop = client.newWorkflowStub(PeriodicJobLoopWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(PeriodicJob.PURGE_REFRESH_TOKENS.scheduleId())
                        .setTaskQueue(worker.getTaskQueue()).build());
        WorkflowClient.start(loop::run, new PeriodicJobLoop(PeriodicJob.PURGE_REFRESH_TOKENS, 3600));

        env.sleep(Duration.ofHours(2).plusMinutes(1));

        assertThat(purges.requests).containsExactly(new PurgeRequest(PurgeKind.REFRESH_TOKENS, "schedule"),
                new PurgeRequest(PurgeKind.REFRESH_TOKENS, "schedule"));
    }
}

package io.perennial.analytics;

import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnalyticsRollupWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(AnalyticsRollupWorkflowImpl.class)
            .setInitialTime(Instant.parse("2027-03-01T00:30:00Z"))
            .setDoNotStart(true)
            .build();

    static final class RecordedDays implements AnalyticsRollupActivities {
        final List<LocalDate> days = new CopyOnWriteArrayList<>();

        @Override
        public DayRolledUp rollUpDay(RollupDay day) {
            days.add(day.day());
            return new DayRolledUp(day.day(), 1, 0);
        }
    }

    private static AnalyticsRollupWorkflow stub(WorkflowClient client, Worker worker, String id) {
        return client.newWorkflowStub(AnalyticsRollupWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(worker.getTaskQueue()).build());
    }

    @Test
    void aScheduledRunRollsUpYesterdayAndTodayByTheWorkflowsClock(TestWorkflowEnvironment env, WorkflowClient client,
                                                                  Worker worker) throws Exception {
        RecordedDays activities = new RecordedDays();
        worker.registerActivitiesImplementations(activities);
        env.start();
        String workflowId = "schedule-analytics-rollup-1";

        RollupResult result = stub(client, worker, workflowId).run(RollupRequest.scheduled());

        // 00:30 on 1 March: February's last day is complete now, and 1 March has begun.
        assertThat(activities.days).containsExactly(LocalDate.parse("2027-02-28"), LocalDate.parse("2027-03-01"));
        assertThat(result).isEqualTo(new RollupResult(LocalDate.parse("2027-02-28"), LocalDate.parse("2027-03-01"), 2));

        Path recorded = Path.of("src/test/resources/histories/analytics-rollup-scheduled.json");
        if (Boolean.getBoolean("perennial.record-histories")) {
            Files.writeString(recorded, client.fetchHistory(workflowId).toJson(true));
        }
        WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(recorded)),
                AnalyticsRollupWorkflowImpl.class);
    }

    @Test
    void aBackfillRollsUpEveryDayOfItsRangeInOrder(TestWorkflowEnvironment env, WorkflowClient client,
                                                   Worker worker) {
        RecordedDays activities = new RecordedDays();
        worker.registerActivitiesImplementations(activities);
        env.start();

        RollupResult result = stub(client, worker, WorkflowIds.analyticsRollup("ops-1"))
                .run(new RollupRequest(LocalDate.parse("2027-01-30"), LocalDate.parse("2027-02-02"), "ops:ada"));

        assertThat(activities.days).extracting(LocalDate::toString)
                .containsExactly("2027-01-30", "2027-01-31", "2027-02-01", "2027-02-02");
        assertThat(result.days()).isEqualTo(4);
    }

    @Test
    void aRangeEndingBeforeItStartsFailsWithoutRollingUpAnything(TestWorkflowEnvironment env, WorkflowClient client,
                                                                  Worker worker) {
        RecordedDays activities = new RecordedDays();
        worker.registerActivitiesImplementations(activities);
        env.start();

        assertThatThrownBy(() -> stub(client, worker, WorkflowIds.analyticsRollup("ops-2"))
                .run(new RollupRequest(LocalDate.parse("2027-02-02"), LocalDate.parse("2027-01-30"), "ops:ada")))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOf(ApplicationFailure.class)
                .extracting(failure -> ((ApplicationFailure) failure).getType()).isEqualTo("InvalidRange");
        assertThat(activities.days).isEmpty();
    }
}

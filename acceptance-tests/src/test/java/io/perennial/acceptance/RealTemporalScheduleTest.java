package io.perennial.acceptance;

import io.perennial.launcher.DemoAccounts;
import io.perennial.periodic.PeriodicJob;
import io.perennial.worker.PeriodicJobs;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the real Temporal server the periodic jobs are Temporal Schedules, created once at worker start: visible,
 * triggerable and pausable like any Schedule (the Temporal UI does the same through the same API), and a pause
 * survives the next worker start.
 */
@NeedsTemporalCli
@PlatformTest(ownPlatform = true, temporal = PlatformTest.Temporal.DEV_SERVER,
        properties = "perennial.periodic-jobs.reconciliation-every=20m")
class RealTemporalScheduleTest {

    private TemporalDevServer temporal;
    private TestPlatform platform;
    private ApiSession api;
    private ScheduleClient schedules;

    @BeforeAll
    void startRealTemporal() throws Exception {
        WorkflowClient client = platform.bean(WorkflowClient.class);
        schedules = ScheduleClient.newInstance(client.getWorkflowServiceStubs(), ScheduleClientOptions.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setDataConverter(client.getOptions().getDataConverter()).build());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPeriodicJobIsAScheduleThatRunsItsWorkflowAndKeepsAnOperatorsPause() {
        for (PeriodicJob job : PeriodicJob.values()) {
            ScheduleDescription described = schedules.getHandle(job.scheduleId()).describe();
            assertThat(described.getSchedule().getState().isPaused()).isFalse();
        }
        ScheduleHandle sweep = schedules.getHandle(PeriodicJob.RECONCILIATION.scheduleId());
        assertThat(sweep.describe().getSchedule().getSpec().getIntervals())
                .extracting(ScheduleIntervalSpec::getEvery).containsExactly(Duration.ofMinutes(20));

        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        sweep.trigger();
        List<Map<String, Object>> runs = ApiSession.eventually(
                () -> (List<Map<String, Object>>) api.get(ops, "/v1/ops/reconciliation").get("items"),
                items -> !items.isEmpty(), Duration.ofSeconds(30));
        assertThat(runs.get(0)).containsEntry("trigger", "schedule");
        assertThat((String) runs.get(0).get("runKey")).startsWith("schedule-reconciliation-");

        sweep.pause("paused by ops during an incident");
        assertThat(platform.bean(PeriodicJobs.class).ensureAll()).isEqualTo(PeriodicJobs.Mode.SCHEDULE);
        assertThat(sweep.describe().getSchedule().getState().isPaused()).as("the next worker start keeps the pause")
                .isTrue();
    }
}

package io.perennial.worker;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.perennial.periodic.PeriodicJob;
import io.perennial.periodic.PeriodicJobLoop;
import io.perennial.periodic.PeriodicJobLoopWorkflow;
import io.perennial.temporal.TaskQueues;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleException;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Creates every periodic job's Temporal Schedule at worker start, once: a Schedule that exists already (another
 * worker made it) is brought up to this worker's settings, and keeps its state (an operator's pause stays). A server without the Schedule API (the in-process test
 * server of the embedded mode answers UNIMPLEMENTED) gets a {@link PeriodicJobLoopWorkflow} per job instead, started
 * once under the Schedule's id, whose timers follow the test clock.
 */
@Context
@Requires(property = "perennial.worker.enabled", notEquals = "false")
public class PeriodicJobs {

    private static final Logger log = LoggerFactory.getLogger(PeriodicJobs.class);
    /** Tries of each Schedule's creation at startup while the server answers with transient failures (~1 min). */
    private static final int STARTUP_ATTEMPTS = 8;

    /** How each job came to run on this server. */
    public enum Mode { SCHEDULE, TIMER_LOOP }

    private final WorkflowClient temporal;
    private final ScheduleClient schedules;
    private final PeriodicJobsConfiguration configuration;

    public PeriodicJobs(WorkflowClient temporal, PeriodicJobsConfiguration configuration) {
        this.temporal = temporal;
        this.configuration = configuration;
        this.schedules = ScheduleClient.newInstance(temporal.getWorkflowServiceStubs(),
                ScheduleClientOptions.newBuilder()
                        .setNamespace(temporal.getOptions().getNamespace())
                        .setDataConverter(temporal.getOptions().getDataConverter())
                        .build());
    }

    @EventListener
    void onStartup(StartupEvent event) {
        ensureAll();
    }

    /** Makes sure every job runs; safe to call on every worker start. */
    public Mode ensureAll() {
        Mode mode = Mode.SCHEDULE;
        for (PeriodicJob job : PeriodicJob.values()) {
            mode = ensure(job);
        }
        return mode;
    }

    /** The interval of a job. */
    public Duration every(PeriodicJob job) {
        return switch (job) {
            case RECONCILIATION -> configuration.reconciliationEvery();
            case ANALYTICS_ROLLUP -> configuration.analyticsEvery();
            case POINTS_EXPIRY -> configuration.pointsExpiryEvery();
            case RECOMMENDATIONS_REFRESH -> configuration.recommendationsEvery();
            case DATA_LAKE_EXPORT -> configuration.dataLakeExportEvery();
            case PURGE_IDEMPOTENCY_KEYS, PURGE_REFRESH_TOKENS, PURGE_EVENTS -> configuration.purgeEvery();
        };
    }

    private Mode ensure(PeriodicJob job) {
        try {
            createRetryingTransientFailures(job);
            log.info("Created Temporal Schedule {} (every {})", job.scheduleId(), every(job));
            return Mode.SCHEDULE;
        } catch (ScheduleAlreadyRunningException exists) {
            refresh(job);
            return Mode.SCHEDULE;
        } catch (ScheduleException e) {
            if (!unimplemented(e)) {
                throw e;
            }
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                throw e;
            }
        }
        startLoop(job);
        return Mode.TIMER_LOOP;
    }

    /**
     * An existing Schedule gets this worker's action, interval and policy (its argument re-encrypted with the current
     * payload key, the interval as configured) and keeps its state: a Schedule an operator paused stays paused.
     */
    private void refresh(PeriodicJob job) {
        try {
            schedules.getHandle(job.scheduleId()).update(input -> {
                Schedule current = input.getDescription().getSchedule();
                return new ScheduleUpdate(Schedule.newBuilder(schedule(job)).setState(current.getState()).build());
            });
        } catch (ScheduleException | StatusRuntimeException e) {
            // E.g. another worker starting at the same moment updated it first: the Schedule is there and runs.
            log.warn("Could not update Temporal Schedule {} to this worker's settings: {}", job.scheduleId(),
                    e.getMessage());
        }
    }

    private Schedule schedule(PeriodicJob job) {
        return Schedule.newBuilder()
                .setAction(ScheduleActionStartWorkflow.newBuilder()
                        .setWorkflowType(job.workflowType())
                        .setArguments(job.argument())
                        // Temporal appends each run's time to this id.
                        .setOptions(WorkflowOptions.newBuilder().setWorkflowId(job.scheduleId())
                                .setTaskQueue(TaskQueues.SUBSCRIPTIONS).build())
                        .build())
                .setSpec(ScheduleSpec.newBuilder()
                        .setIntervals(List.of(new ScheduleIntervalSpec(every(job)))).build())
                // A run still going when the next is due: skip the next (sweeps and purges catch up by themselves).
                .setPolicy(SchedulePolicy.newBuilder().setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                        .setCatchupWindow(every(job)).build())
                .setState(ScheduleState.newBuilder().setNote("created by the Perennial worker").build())
                .build();
    }

    private void startLoop(PeriodicJob job) {
        PeriodicJobLoopWorkflow loop = temporal.newWorkflowStub(PeriodicJobLoopWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(job.scheduleId())
                        .setTaskQueue(TaskQueues.SUBSCRIPTIONS).build());
        try {
            WorkflowClient.start(loop::run, new PeriodicJobLoop(job, every(job).toSeconds()));
            log.info("No Schedule API on this Temporal server; {} runs every {} on a timer instead",
                    job.scheduleId(), every(job));
        } catch (WorkflowExecutionAlreadyStarted running) {
            // Started by an earlier start of this worker or another one.
        }
    }

    /**
     * A server that is busy or still starting (a deadline exceeded, unavailable) is asked again, with backoff, for
     * about a minute: a worker must not fail to start because one call at startup was slow.
     */
    private void createRetryingTransientFailures(PeriodicJob job) {
        long backoffMillis = 500;
        for (int attempt = 1; ; attempt++) {
            try {
                schedules.createSchedule(job.scheduleId(), schedule(job), ScheduleOptions.newBuilder().build());
                return;
            } catch (ScheduleException | StatusRuntimeException e) {
                if (!transientFailure(e) || attempt == STARTUP_ATTEMPTS) {
                    throw e;
                }
                log.warn("Creating Temporal Schedule {} failed ({}); trying again in {} ms", job.scheduleId(),
                        e.getMessage(), backoffMillis);
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoffMillis = Math.min(backoffMillis * 2, 16_000);
            }
        }
    }

    static boolean transientFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException status) {
                Status.Code code = status.getStatus().getCode();
                return code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.UNAVAILABLE
                        || code == Status.Code.RESOURCE_EXHAUSTED;
            }
        }
        return false;
    }

    private static boolean unimplemented(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException status
                    && status.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return true;
            }
        }
        return false;
    }
}

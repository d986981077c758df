package io.perennial.worker;

import io.grpc.Status;
import io.temporal.client.schedules.ScheduleException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures of a Schedule's creation at worker start are asked again rather than failing the start. */
class PeriodicJobsStartupTest {

    @Test
    void aSlowOrUnavailableServerIsAskedAgain() {
        assertThat(PeriodicJobs.transientFailure(new ScheduleException(
                Status.DEADLINE_EXCEEDED.withDescription("CallOptions deadline exceeded after 4.09s").asRuntimeException())))
                .isTrue();
        assertThat(PeriodicJobs.transientFailure(Status.UNAVAILABLE.asRuntimeException())).isTrue();
        assertThat(PeriodicJobs.transientFailure(Status.RESOURCE_EXHAUSTED.asRuntimeException())).isTrue();
    }

    @Test
    void aRefusalFailsTheStartAtOnce() {
        assertThat(PeriodicJobs.transientFailure(new ScheduleException(
                Status.PERMISSION_DENIED.asRuntimeException()))).isFalse();
        assertThat(PeriodicJobs.transientFailure(Status.INVALID_ARGUMENT.asRuntimeException())).isFalse();
        assertThat(PeriodicJobs.transientFailure(Status.UNIMPLEMENTED.asRuntimeException())).isFalse();
        assertThat(PeriodicJobs.transientFailure(new IllegalStateException("no status at all"))).isFalse();
    }
}

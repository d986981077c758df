package io.perennial.launcher;

import com.google.protobuf.Empty;
import io.temporal.api.testservice.v1.SleepRequest;
import io.temporal.serviceclient.TestServiceStubs;
import io.temporal.serviceclient.TestServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The in-process Temporal test server's clock. Advancing it fires every timer due in between, in order, and waits
 * for the work they trigger, exactly as if that much time had passed.
 */
public class TestClock {

    private final TestServiceStubs testService;

    public TestClock(WorkflowServiceStubs workflowService) {
        this.testService = TestServiceStubs.newServiceStubs(TestServiceStubsOptions.newBuilder()
                .setChannel(workflowService.getRawChannel())
                // The stubs' default 10 s deadline caps every call, however long the call's own deadline: a
                // clock advance of months (daily Schedules, renewals) outlasts it on a busy machine.
                .setRpcTimeout(Duration.ofMinutes(10))
                .validateAndBuildWithDefaults());
    }

    public Instant now() {
        var time = testService.blockingStub().getCurrentTime(Empty.getDefaultInstance()).getTime();
        return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
    }

    public Instant advance(Duration duration) {
        testService.blockingStub().withDeadlineAfter(10, TimeUnit.MINUTES)
                .unlockTimeSkippingWithSleep(SleepRequest.newBuilder()
                        .setDuration(com.google.protobuf.Duration.newBuilder()
                                .setSeconds(duration.getSeconds())
                                .setNanos(duration.getNano()))
                        .build());
        return now();
    }
}

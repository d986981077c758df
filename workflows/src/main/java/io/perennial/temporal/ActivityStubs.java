package io.perennial.temporal;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;

/**
 * Activity stubs with the timeouts and named {@link RetryPolicies} the workflows share. A stub is only a proxy:
 * making two of one interface adds no command, so a helper may own the stubs it calls.
 */
public final class ActivityStubs {

    /** An attempt against our own database answers within this, or is tried again. */
    public static final Duration DATABASE_ATTEMPT = Duration.ofSeconds(10);
    /** An attempt against an outside system (payment provider, carrier, supplier) answers within this. */
    public static final Duration REMOTE_ATTEMPT = Duration.ofSeconds(30);

    private ActivityStubs() {
    }

    /** Activities on our own database: 10 s an attempt, {@link RetryPolicies#DATABASE}. */
    public static <T> T database(Class<T> activities) {
        return stub(activities, DATABASE_ATTEMPT, RetryPolicies.DATABASE);
    }

    /**
     * Short writes to our own database run as local activities, inside the workflow task that asks for them (no
     * activity task of their own on the server): 10 s an attempt, {@link RetryPolicies#DATABASE}.
     */
    public static <T> T localDatabase(Class<T> activities) {
        return Workflow.newLocalActivityStub(activities, LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(DATABASE_ATTEMPT)
                .setRetryOptions(RetryPolicies.LOCAL_DATABASE)
                .build());
    }

    /** Activities on an outside system: 30 s an attempt, retried as {@code retries} says. */
    public static <T> T remote(Class<T> activities, RetryOptions retries) {
        return stub(activities, REMOTE_ATTEMPT, retries);
    }

    public static <T> T stub(Class<T> activities, Duration startToClose, RetryOptions retries) {
        return Workflow.newActivityStub(activities, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(startToClose)
                .setRetryOptions(retries)
                .build());
    }
}

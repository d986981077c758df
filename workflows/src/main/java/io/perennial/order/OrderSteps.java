package io.perennial.order;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Functions;

import java.util.List;
import java.util.function.Supplier;

/** How the order saga runs a step and an undo, and how it words an activity's failure. */
final class OrderSteps {

    private OrderSteps() {
    }

    /** A step that ends the order as FAILED; the message says which step and why. */
    static final class StepFailed extends RuntimeException {
        StepFailed(String message) {
            super(message, null, false, false);
        }
    }

    /** Runs one step; a business refusal or retries running out become a {@link StepFailed} naming the step. */
    static <T> T step(String name, Supplier<T> call) {
        try {
            return call.get();
        } catch (ActivityFailure failure) {
            throw new StepFailed(name + " failed: " + reasonOf(failure));
        }
    }

    /** A compensation that records a final failure in {@code failures} instead of throwing, so later ones run. */
    static Functions.Proc undoing(String what, Functions.Proc compensation, List<String> failures) {
        return () -> {
            try {
                compensation.apply();
            } catch (ActivityFailure failure) {
                failures.add(what + " failed: " + reasonOf(failure));
            }
        };
    }

    static String reasonOf(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure application) {
            return application.getOriginalMessage() + " [" + application.getType() + "]";
        }
        if (cause instanceof TimeoutFailure timeout) {
            return "timed out (" + timeout.getTimeoutType() + ")";
        }
        return cause == null ? failure.getMessage() : cause.getMessage();
    }
}

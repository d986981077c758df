package io.perennial.api.order;

import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.order.OrderFailures;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;

import java.util.function.Supplier;

/** An order's refusals as problem documents: a change its state does not allow now is 409 with the reason. */
final class OrderProblems {
    /** The type a validator's refusal arrives with (see WorkflowProblems: the SDK wraps it once more). */
    private static final String VALIDATOR_REFUSAL = "io.temporal.internal.worker.WorkflowExecutionException";

    /** What Temporal's codec data converter puts in place of an encoded failure message. */
    private static final String ENCODED = "Encoded failure";

    private OrderProblems() {
    }

    static ProblemException notAllowed(String detail) {
        return new ProblemException(new Problem(ApiProblems.BASE + "change-not-allowed", "Change not allowed now",
                409, detail, null, null));
    }

    /**
     * Runs the Update; a validator's refusal becomes 409 with its reason. With payload encryption on, the SDK
     * (1.38) encodes the validator's failure twice and the client decodes only the outer layer, so the reason
     * arrives as "Encoded failure": then {@code explain} says why from the order's state.
     */
    static <T> T update(String orderId, Supplier<T> update, Supplier<String> explain) {
        try {
            return update.get();
        } catch (WorkflowUpdateException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof ApplicationFailure)) {
                cause = cause.getCause();
            }
            if (cause instanceof ApplicationFailure failure && (OrderFailures.CHANGE_REJECTED.equals(failure.getType())
                    || VALIDATOR_REFUSAL.equals(failure.getType()))) {
                String reason = failure.getOriginalMessage();
                boolean lost = reason == null || reason.isBlank() || reason.equals(ENCODED);
                throw notAllowed(lost ? explain.get() : reason);
            }
            throw e;
        } catch (WorkflowNotFoundException e) {
            throw notAllowed("Order " + orderId + " is finished; it can no longer change.");
        }
    }
}

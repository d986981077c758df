package io.perennial.api.problem;

import io.perennial.billing.BillingFailures;
import io.perennial.subscription.SubscriptionFailures;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;

import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a workflow Update for the API and turns the workflow's refusals into problem documents: a change the
 * subscription's state does not allow is 409, a rejected coupon 422, a declined plan-change charge 402, a plan-change
 * charge the payment provider could not take 503 with {@code Retry-After} (the plan did not change).
 * Anything else (Temporal unreachable, a bug) stays a server error.
 */
public final class WorkflowProblems {
    /**
     * The type a validator's {@code ApplicationFailure} arrives with: Temporal's Java SDK (1.38) wraps a validator's
     * failure once more on its way out, keeping the message but not the type. Only our validators' own refusals
     * take that path (anything else is not a TemporalFailure), and all of them mean "not allowed now".
     */
    private static final String VALIDATOR_REFUSAL = "io.temporal.internal.worker.WorkflowExecutionException";

    /** A plan change the provider could not take: ask again once a short outage may be over. */
    static final long PROVIDER_RETRY_AFTER_SECONDS = 30;

    private WorkflowProblems() {
    }

    public static <T> T update(String subscriptionId, Supplier<T> update) {
        try {
            return update.get();
        } catch (WorkflowUpdateException e) {
            throw refusal(subscriptionId, e);
        } catch (WorkflowNotFoundException e) {
            throw ApiProblems.subscriptionEnded(subscriptionId);
        }
    }

    private static RuntimeException refusal(String subscriptionId, WorkflowUpdateException e) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof ApplicationFailure)) {
            cause = cause.getCause();
        }
        if (!(cause instanceof ApplicationFailure failure) || failure.getType() == null) {
            return e;
        }
        String detail = failure.getOriginalMessage();
        return switch (failure.getType()) {
            case SubscriptionFailures.CHANGE_REJECTED, VALIDATOR_REFUSAL -> new ProblemException(new Problem(
                    ApiProblems.BASE + "change-not-allowed", "Change not allowed now", 409, detail, null, null));
            case BillingFailures.COUPON_REJECTED -> new ProblemException(new Problem(
                    ApiProblems.BASE + "coupon-rejected", "Coupon rejected", 422, detail, null,
                    List.of(new Problem.FieldError("/code", detail))));
            case SubscriptionFailures.PLAN_CHANGE_DECLINED -> new ProblemException(new Problem(
                    ApiProblems.BASE + "payment-declined", "Payment declined", 402, detail, null, null));
            case SubscriptionFailures.PLAN_CHANGE_UNAVAILABLE -> new ProblemException(new Problem(
                    ApiProblems.BASE + "payment-provider-unavailable", "Payment provider unavailable", 503, detail,
                    null, null), PROVIDER_RETRY_AFTER_SECONDS);
            default -> e;
        };
    }
}

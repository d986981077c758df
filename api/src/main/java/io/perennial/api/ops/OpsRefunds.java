package io.perennial.api.ops;

import io.perennial.api.idempotency.IdempotentRequests;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.payment.RefundReceipt;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What ops refunds (of a subscription's period, of an order) share: each is a workflow named after its key, and the
 * API waits for its receipt a while, answering 503 with {@code Retry-After} when the provider is slow (the refund
 * goes on) and 422 when the provider refused it.
 */
public final class OpsRefunds {

    /** How long the API waits for the provider before answering 503 (the refund goes on; retry with the key). */
    static final long WAIT_SECONDS = 20;

    private OpsRefunds() {
    }

    /** A refund that cannot be retried safely is not offered: the key is required. */
    public static void requireKey(String idempotencyKey) {
        if (idempotencyKey == null) {
            throw new ProblemException(new Problem(ApiProblems.BASE + "validation", "Invalid request", 400,
                    "A refund needs an Idempotency-Key header, so that a retried request never refunds twice.",
                    null, List.of(new Problem.FieldError("/headers/" + IdempotentRequests.HEADER,
                    "required for refunds"))));
        }
    }

    /**
     * Starts the refund workflow {@code workflowId} ({@code start}), or finds the one the same key started before (a
     * retry after the stored answer expired, or a concurrent one), and waits for its receipt.
     */
    public static RefundReceipt give(WorkflowClient temporal, String workflowId, Runnable start) {
        try {
            start.run();
        } catch (WorkflowExecutionAlreadyStarted started) {
            // The same key ran before: its outcome.
        }
        try {
            return temporal.newUntypedWorkflowStub(workflowId)
                    .getResult(WAIT_SECONDS, TimeUnit.SECONDS, RefundReceipt.class);
        } catch (TimeoutException e) {
            throw new ProblemException(new Problem(ApiProblems.BASE + "refund-pending", "Refund still running", 503,
                    "The payment provider has not answered yet; the refund goes on. Retry with the same "
                            + "Idempotency-Key for its outcome.", null, null), 30L);
        } catch (WorkflowFailedException e) {
            throw new ProblemException(new Problem(ApiProblems.BASE + "refund-refused", "Refund refused", 422,
                    "The payment provider refused the refund.", null, null));
        }
    }

    /** 409: nothing paid is left to give back. */
    public static ProblemException nothingToRefund(String what) {
        return new ProblemException(new Problem(ApiProblems.BASE + "nothing-to-refund", "Nothing to refund", 409,
                what + " has nothing paid left to refund.", null, null));
    }
}

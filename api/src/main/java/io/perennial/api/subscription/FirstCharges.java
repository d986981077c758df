package io.perennial.api.subscription;

import io.perennial.api.problem.ProblemException;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ApiProblems;
import io.perennial.subscription.SubscriptionStart;
import io.perennial.subscription.SubscriptionState;
import io.perennial.subscription.SubscriptionStatus;
import io.perennial.subscription.SubscriptionWorkflow;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateStage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Create and charge in one call ({@code paymentBehavior CHARGE_NOW}): the workflow's start and its
 * {@code firstCharge} Update go to Temporal together (update-with-start), and the answer is the first charge's
 * outcome. The workflow id comes from the caller's Idempotency-Key and the update id is fixed, so a retried create
 * attaches to the workflow the first attempt started (conflict policy USE_EXISTING) and Temporal answers the same
 * Update again instead of running it twice; the charge itself is keyed by the subscription and period.
 */
final class FirstCharges {

    private static final Logger log = LoggerFactory.getLogger(FirstCharges.class);
    static final String UPDATE_ID = "first-charge";
    /** The cancel reason the workflow gives a subscription whose first charge was declined. */
    static final String INCOMPLETE_EXPIRED = "incomplete_expired";

    private FirstCharges() {
    }

    /**
     * Starts the subscription (or finds the one this request started before) and waits for its first charge. A
     * workflow that already ended (its first charge declined) answers its state by query.
     */
    static SubscriptionState startAndCharge(WorkflowClient temporal, SubscriptionWorkflow workflow,
                                            SubscriptionStart start) {
        try {
            return WorkflowClient.executeUpdateWithStart(workflow::firstCharge,
                    UpdateOptions.<SubscriptionState>newBuilder().setUpdateId(UPDATE_ID)
                            .setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
                    new WithStartWorkflowOperation<>(workflow::run, start));
        } catch (WorkflowExecutionAlreadyStarted ended) {
            return endedBefore(temporal, start);
        } catch (WorkflowServiceException e) {
            // The in-process test server answers a start of an ended id (reuse policy REJECT_DUPLICATE) this way.
            if (!alreadyExists(e)) {
                throw e;
            }
            return endedBefore(temporal, start);
        }
    }

    private static SubscriptionState endedBefore(WorkflowClient temporal, SubscriptionStart start) {
        log.info("Subscription {} was created and charged before and has ended; answering its state",
                start.subscriptionId());
        // A stub of the ended run: the one that tried to start is bound to no execution.
        return temporal.newWorkflowStub(SubscriptionWorkflow.class, WorkflowIds.subscription(start.subscriptionId()))
                .state();
    }

    private static boolean alreadyExists(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException grpc
                    && grpc.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
                return true;
            }
        }
        return false;
    }

    /** The create's answer: the subscription, or a 402 when the first charge was declined (and nothing runs on). */
    static SubscriptionView answer(SubscriptionState state) {
        if (state.status() == SubscriptionStatus.CANCELED && INCOMPLETE_EXPIRED.equals(state.cancelReason())) {
            throw new ProblemException(new Problem(ApiProblems.BASE + "payment-declined", "Payment declined", 402,
                    "The first charge was declined, so subscription " + state.subscriptionId() + " was not started "
                            + "(incomplete_expired): nothing is retried. Subscribe again with another payment "
                            + "method.", null, null));
        }
        return SubscriptionView.live(state);
    }
}

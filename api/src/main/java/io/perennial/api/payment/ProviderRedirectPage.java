package io.perennial.api.payment;

import io.micronaut.context.annotation.Value;
import io.perennial.api.problem.ApiProblems;
import io.perennial.payment.RedirectPageRepository;
import io.perennial.payment.RedirectPageSession;
import io.perennial.providerevent.ProviderEvent;
import io.perennial.providerevent.ProviderEventKind;
import io.perennial.providerevent.ProviderEventWorkflow;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The simulated provider's redirect page (Alipay, WeChat Pay) and its asynchronous confirmation: the customer's
 * answer is written to the provider's ledger ({@link RedirectPageRepository}), then the provider sends its event,
 * which the worker applies as it applies a Stripe webhook's ({@code provider-event-{eventId}}). Like a real
 * provider it delivers at least once: answering a session again re-sends its event (the same id, so the workflow id
 * deduplicates it), and {@link #deliver} with a later delivery number sends a new event for the same outcome, which
 * the ledger must absorb. Only with the simulated provider; with Stripe the page is Stripe's and the event its webhook.
 */
@Singleton
public class ProviderRedirectPage {

    private static final Logger log = LoggerFactory.getLogger(ProviderRedirectPage.class);

    private final RedirectPageRepository sessions;
    private final WorkflowClient temporal;
    private final boolean simulatedProvider;

    public ProviderRedirectPage(RedirectPageRepository sessions, WorkflowClient temporal,
                                @Value("${perennial.payments.provider:simulated}") String provider) {
        this.sessions = sessions;
        this.temporal = temporal;
        this.simulatedProvider = "simulated".equals(provider);
    }

    public RedirectPageSession session(String reference) {
        if (!simulatedProvider) {
            throw ApiProblems.notFound("Payment session", reference);
        }
        return sessions.findById(reference).orElseThrow(() -> ApiProblems.notFound("Payment session", reference));
    }

    /** The customer approves or fails the payment on the provider's clock; the provider then confirms it. */
    public RedirectPageSession answer(String reference, boolean approve) {
        session(reference);
        sessions.answer(reference, approve, Instant.now());
        sessions.bookApproved(reference);
        RedirectPageSession answered = session(reference);
        deliver(answered, 1);
        return answered;
    }

    /**
     * Sends the provider's event for an answered session: {@code payment_intent.succeeded} or
     * {@code payment_intent.payment_failed} in Stripe's terms. Delivery 1 has the session's event id; a later
     * delivery is another event about the same outcome.
     */
    public void deliver(RedirectPageSession answered, int delivery) {
        if (RedirectPageSession.AWAITING_CUSTOMER.equals(answered.status())) {
            return;
        }
        String eventId = "evt_sim_" + answered.reference().replace("rs_sim_", "") + (delivery > 1 ? "_" + delivery
                : "");
        ProviderEvent event = new ProviderEvent(eventId, RedirectPageSession.SUCCEEDED.equals(answered.status())
                ? ProviderEventKind.PAYMENT_SUCCEEDED : ProviderEventKind.PAYMENT_FAILED, answered.idempotencyKey(),
                answered.reference(), answered.declineCode(), answered.amountMinor(), answered.currency(), null, null,
                null);
        ProviderEventWorkflow workflow = temporal.newWorkflowStub(ProviderEventWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.providerEvent(eventId))
                        .setTaskQueue(TaskQueues.SUBSCRIPTIONS)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .build());
        try {
            WorkflowClient.start(workflow::apply, event);
            log.info("Simulated provider event {} ({}) for {}", eventId, event.kind(), answered.idempotencyKey());
        } catch (WorkflowExecutionAlreadyStarted delivered) {
            log.debug("Simulated provider event {} was delivered before", eventId);
        }
    }
}

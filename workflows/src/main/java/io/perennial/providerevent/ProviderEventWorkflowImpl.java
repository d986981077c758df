package io.perennial.providerevent;

import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import static io.perennial.temporal.BusinessTime.now;

public class ProviderEventWorkflowImpl implements ProviderEventWorkflow {

    private static final Logger log = Workflow.getLogger(ProviderEventWorkflowImpl.class);

    /** Ledger writes, and a refund at the provider when a voided invoice's charge turns out taken: retried until done. */
    private final ProviderEventActivities effects = ActivityStubs.remote(ProviderEventActivities.class,
            RetryPolicies.GATEWAY);

    @Override
    public ProviderEventOutcome apply(ProviderEvent received) {
        ProviderEvent event = received.at(now());
        ProviderEventOutcome outcome = switch (event.kind()) {
            case PAYMENT_SUCCEEDED, PAYMENT_FAILED -> effects.settlePayment(event);
            case PAYMENT_REQUIRES_ACTION -> effects.customerActionRequired(event);
            case CHARGE_REFUNDED -> effects.recordRefunds(event);
            case DISPUTE_CREATED -> effects.recordDispute(event);
            case DISPUTE_CLOSED -> effects.closeDispute(event);
        };
        log.info("Provider event {} ({}): {} {}", event.eventId(), event.kind(), outcome.effect(), outcome.detail());
        return outcome;
    }
}

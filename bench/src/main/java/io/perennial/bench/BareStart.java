package io.perennial.bench;

import io.micronaut.context.ApplicationContext;
import io.perennial.catalog.Catalog;
import io.perennial.catalog.PlanOffer;
import io.perennial.subscription.PlanTerms;
import io.perennial.subscription.SubscriptionRecordRepository;
import io.perennial.subscription.SubscriptionStart;
import io.perennial.subscription.SubscriptionStatus;
import io.perennial.subscription.SubscriptionWorkflow;
import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A subscription started the bare way: {@code WorkflowClient.start} of the subscription workflow with the API's
 * options, plus the one insert of the row the API writes. The create benchmark's floor, and how the memory
 * benchmark parks many subscriptions quickly (what is parked is the same workflow the API starts).
 */
final class BareStart {

    private static final Duration SETTLE_AT_MOST = Duration.ofMinutes(10);

    private final WorkflowClient temporal;
    private final SubscriptionRecordRepository records;
    private final PlanTerms terms;
    private final SubscriptionStatus initial;

    BareStart(ApplicationContext context, String planId) {
        PlanOffer offer = context.getBean(Catalog.class).offer(planId)
                .orElseThrow(() -> new IllegalArgumentException("no plan " + planId));
        this.terms = offer.terms(offer.price("EUR").orElse(offer.prices().get(0)));
        this.initial = offer.hasTrial() ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE;
        this.temporal = context.getBean(WorkflowClient.class);
        this.records = context.getBean(SubscriptionRecordRepository.class);
    }

    void start(UUID customerId) {
        UUID subscriptionId = UUID.randomUUID();
        String workflowId = WorkflowIds.subscription(subscriptionId.toString());
        SubscriptionWorkflow workflow = temporal.newWorkflowStub(SubscriptionWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(workflowId)
                        .setTaskQueue(TaskQueues.SUBSCRIPTIONS)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                .set(PerennialSearchAttributes.CUSTOMER_ID, customerId.toString())
                                .set(PerennialSearchAttributes.PLAN_ID, terms.planId())
                                .build())
                        .setStaticSummary(terms.name() + " · customer " + customerId)
                        .build());
        WorkflowClient.start(workflow::run, new SubscriptionStart(subscriptionId.toString(),
                customerId.toString(), terms, "pm_card_visa", null, 0, null, null, null, null, null));
        records.insertStarted(subscriptionId, customerId, terms.planId(), terms.version(), terms.amountMinor(),
                terms.currency(), workflowId, initial.name(), null, Instant.now());
    }

    /** Waits until the worker has run every started subscription's first steps (its row is past revision 0). */
    void settle() throws InterruptedException {
        long started = System.nanoTime();
        long waiting;
        do {
            Thread.sleep(500);
            waiting = records.countByRevision(0);
        } while (waiting > 0 && System.nanoTime() - started < SETTLE_AT_MOST.toNanos());
        System.out.printf("  settled in %.1f s%s%n", (System.nanoTime() - started) / 1e9,
                waiting > 0 ? " (" + waiting + " still at revision 0)" : "");
    }
}

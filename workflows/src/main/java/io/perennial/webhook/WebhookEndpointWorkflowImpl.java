package io.perennial.webhook;

import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class WebhookEndpointWorkflowImpl implements WebhookEndpointWorkflow {

    /** Attempts made side by side in one round, which also bounds what one round adds to the history. */
    static final int ATTEMPTS_PER_ROUND = 10;
    /** The HTTP call has 10 s; signing and recording get the rest. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(20);

    private final WebhookActivities activities =
            ActivityStubs.stub(WebhookActivities.class, ATTEMPT_TIMEOUT, RetryPolicies.DATABASE);
    private final Map<String, PendingDelivery> pending = new LinkedHashMap<>();
    private boolean woken;

    @Override
    public void run(WebhookEndpointRun run) {
        for (PendingDelivery delivery : run.pending()) {
            pending.putIfAbsent(delivery.deliveryId(), delivery);
        }
        long failingSince = run.failingSinceMillis();
        while (true) {
            List<PendingDelivery> due = due();
            if (due.isEmpty()) {
                if (Workflow.getInfo().getHistoryLength() > run.historyLimit() && Workflow.isEveryHandlerFinished()) {
                    Workflow.continueAsNew(new WebhookEndpointRun(run.endpointId(), List.copyOf(pending.values()),
                            failingSince, run.historyLimit()));
                }
                waitForNextDue();
                continue;
            }
            List<Promise<AttemptOutcome>> outcomes = new ArrayList<>();
            for (PendingDelivery delivery : due) {
                outcomes.add(Async.function(activities::attempt,
                        new AttemptRequest(run.endpointId(), delivery.deliveryId(), delivery.attempts() + 1)));
            }
            long now = Workflow.currentTimeMillis();
            boolean anyFailed = false;
            for (int i = 0; i < due.size(); i++) {
                PendingDelivery delivery = due.get(i);
                switch (outcomes.get(i).get()) {
                    case DELIVERED -> {
                        pending.remove(delivery.deliveryId());
                        failingSince = 0;
                    }
                    case GONE -> pending.remove(delivery.deliveryId());
                    case FAILED -> {
                        anyFailed = true;
                        retryLater(delivery, now);
                    }
                }
            }
            if (anyFailed && failingSince == 0) {
                failingSince = now;
            }
            if (failingSince != 0 && now - failingSince >= WebhookBackoff.GIVE_UP_AFTER.toMillis()) {
                activities.disable(new EndpointDisabling(run.endpointId(), failingSince,
                        List.copyOf(pending.keySet())));
                return;
            }
        }
    }

    @Override
    public void deliver(DeliveryRequest request) {
        PendingDelivery known = pending.get(request.deliveryId());
        pending.put(request.deliveryId(),
                known == null ? PendingDelivery.dueNow(request.deliveryId()) : known.resendNow());
        woken = true;
    }

    private void retryLater(PendingDelivery delivery, long now) {
        PendingDelivery failed = delivery.failed(now,
                WebhookBackoff.afterFailureMillis(delivery.attempts() + 1, delivery.deliveryId()));
        if (pending.get(delivery.deliveryId()) != delivery) {
            // Retried by an admin while this attempt ran: that resend stays due now.
            return;
        }
        if (now - failed.firstAttemptMillis() >= WebhookBackoff.GIVE_UP_AFTER.toMillis()) {
            pending.remove(delivery.deliveryId());
            activities.giveUp(delivery.deliveryId());
        } else {
            pending.put(delivery.deliveryId(), failed);
        }
    }

    private List<PendingDelivery> due() {
        long now = Workflow.currentTimeMillis();
        return pending.values().stream()
                .filter(delivery -> delivery.nextAttemptMillis() <= now)
                .limit(ATTEMPTS_PER_ROUND)
                .toList();
    }

    /** Until the earliest retry is due or a signal brings a delivery; with nothing pending, until a signal. */
    private void waitForNextDue() {
        woken = false;
        long earliest = pending.values().stream().mapToLong(PendingDelivery::nextAttemptMillis).min()
                .orElse(Long.MAX_VALUE);
        if (earliest == Long.MAX_VALUE) {
            Workflow.await(() -> woken);
        } else {
            Workflow.await(Duration.ofMillis(Math.max(1, earliest - Workflow.currentTimeMillis())), () -> woken);
        }
    }
}

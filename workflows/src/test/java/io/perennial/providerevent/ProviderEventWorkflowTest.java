package io.perennial.providerevent;

import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderEventWorkflowTest {

    private static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(ProviderEventWorkflowImpl.class)
            .setInitialTime(NOW)
            .setDoNotStart(true)
            .build();

    /** Records which effect each event reached, and at what business time. */
    static final class RecordedEffects implements ProviderEventActivities {
        final List<String> applied = new CopyOnWriteArrayList<>();
        final List<Instant> at = new CopyOnWriteArrayList<>();

        private ProviderEventOutcome applied(String effect, ProviderEvent event) {
            applied.add(effect);
            at.add(event.receivedAt());
            return new ProviderEventOutcome(event.eventId(), effect, event.paymentKey());
        }

        @Override
        public ProviderEventOutcome settlePayment(ProviderEvent event) {
            return applied("SETTLED", event);
        }

        @Override
        public ProviderEventOutcome recordRefunds(ProviderEvent event) {
            return applied("REFUND_RECORDED", event);
        }

        @Override
        public ProviderEventOutcome recordDispute(ProviderEvent event) {
            return applied("DISPUTE_RECORDED", event);
        }

        @Override
        public ProviderEventOutcome closeDispute(ProviderEvent event) {
            return applied("DISPUTE_WON", event);
        }

        @Override
        public ProviderEventOutcome customerActionRequired(ProviderEvent event) {
            return applied("CUSTOMER_ACTION_LOGGED", event);
        }
    }

    @Test
    void eachKindOfEventReachesItsOwnEffectAtTheWorkflowsBusinessTime(TestWorkflowEnvironment env,
                                                                      WorkflowClient client, Worker worker)
            throws Exception {
        RecordedEffects effects = new RecordedEffects();
        worker.registerActivitiesImplementations(effects);
        env.start();

        List<ProviderEventKind> kinds = List.of(ProviderEventKind.PAYMENT_SUCCEEDED, ProviderEventKind.PAYMENT_FAILED,
                ProviderEventKind.PAYMENT_REQUIRES_ACTION, ProviderEventKind.CHARGE_REFUNDED,
                ProviderEventKind.DISPUTE_CREATED, ProviderEventKind.DISPUTE_CLOSED);
        for (ProviderEventKind kind : kinds) {
            String eventId = "evt_" + kind.name().toLowerCase();
            client.newWorkflowStub(ProviderEventWorkflow.class, WorkflowOptions.newBuilder()
                            .setWorkflowId(WorkflowIds.providerEvent(eventId)).setTaskQueue(worker.getTaskQueue()).build())
                    .apply(new ProviderEvent(eventId, kind, "sub-1:2:renewal", "pi_1", null, 1099, "EUR", null, null,
                            null));
        }

        assertThat(effects.applied).containsExactly("SETTLED", "SETTLED", "CUSTOMER_ACTION_LOGGED",
                "REFUND_RECORDED", "DISPUTE_RECORDED", "DISPUTE_WON");
        // Business time from the workflow (the test server skips time while it waits, so only a lower bound holds).
        assertThat(effects.at).hasSize(6).allSatisfy(time -> assertThat(time).isAfterOrEqualTo(NOW));

        String settledId = WorkflowIds.providerEvent("evt_payment_succeeded");
        Path recorded = Path.of("src/test/resources/histories/provider-event-payment-succeeded.json");
        if (Boolean.getBoolean("perennial.record-histories")) {
            Files.writeString(recorded, client.fetchHistory(settledId).toJson(true));
        }
        WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(recorded)),
                ProviderEventWorkflowImpl.class);
        Path closed = Path.of("src/test/resources/histories/provider-event-dispute-closed.json");
        if (Boolean.getBoolean("perennial.record-histories")) {
            Files.writeString(closed, client.fetchHistory(WorkflowIds.providerEvent("evt_dispute_closed")).toJson(true));
        }
        WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(closed)),
                ProviderEventWorkflowImpl.class);
    }
}

package io.perennial.webhook;

import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint workflow on a time-skipping clock against scripted receivers. */
class WebhookEndpointWorkflowTest {

    static final String ENDPOINT = "we_test";

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(WebhookEndpointWorkflowImpl.class)
            .registerSearchAttribute(PerennialSearchAttributes.WEBHOOK_ENDPOINT_ID.getName(),
                    IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .setInitialTime(Instant.parse("2027-03-01T09:00:00Z"))
            .setDoNotStart(true)
            .build();

    record Attempt(String deliveryId, int attempt, long atMillis) {
    }

    /** Answers each attempt as {@code receiver} says and records it with the workflow-clock time it was made. */
    static final class ScriptedReceiver implements WebhookActivities {
        final TestWorkflowEnvironment env;
        final Function<AttemptRequest, AttemptOutcome> receiver;
        final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        final List<String> givenUp = new CopyOnWriteArrayList<>();
        final List<EndpointDisabling> disabled = new CopyOnWriteArrayList<>();

        ScriptedReceiver(TestWorkflowEnvironment env, Function<AttemptRequest, AttemptOutcome> receiver) {
            this.env = env;
            this.receiver = receiver;
        }

        @Override
        public AttemptOutcome attempt(AttemptRequest request) {
            attempts.add(new Attempt(request.deliveryId(), request.attempt(), env.currentTimeMillis()));
            return receiver.apply(request);
        }

        @Override
        public void giveUp(String deliveryId) {
            givenUp.add(deliveryId);
        }

        @Override
        public void disable(EndpointDisabling disabling) {
            disabled.add(disabling);
        }
    }

    static void deliver(WorkflowClient client, Worker worker, WebhookEndpointRun run, String deliveryId) {
        WebhookEndpointWorkflow endpoint = client.newWorkflowStub(WebhookEndpointWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.webhookEndpoint(ENDPOINT))
                        .setTaskQueue(worker.getTaskQueue())
                        .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                .set(PerennialSearchAttributes.WEBHOOK_ENDPOINT_ID, ENDPOINT).build())
                        .build());
        BatchRequest start = client.newSignalWithStartRequest();
        start.add(endpoint::run, run);
        start.add(endpoint::deliver, new DeliveryRequest(deliveryId));
        client.signalWithStart(start);
    }

    @Test
    void aReceiverFailingTwiceGetsTheDeliveryOnTheThirdAttemptAfterExponentialBackoffWithJitter(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) throws Exception {
        ScriptedReceiver receiver = new ScriptedReceiver(env,
                request -> request.attempt() <= 2 ? AttemptOutcome.FAILED : AttemptOutcome.DELIVERED);
        worker.registerActivitiesImplementations(receiver);
        env.start();

        deliver(client, worker, WebhookEndpointRun.start(ENDPOINT), "whd_1");
        env.sleep(Duration.ofMinutes(2));

        assertThat(receiver.attempts).extracting(Attempt::attempt).containsExactly(1, 2, 3);
        long firstWait = receiver.attempts.get(1).atMillis() - receiver.attempts.get(0).atMillis();
        long secondWait = receiver.attempts.get(2).atMillis() - receiver.attempts.get(1).atMillis();
        assertThat(firstWait).isBetween(5_000L, 6_300L);
        assertThat(secondWait).isBetween(15_000L, 18_800L);
        assertThat(receiver.givenUp).isEmpty();
        assertThat(receiver.disabled).isEmpty();

        Path recorded = Path.of("src/test/resources/histories/webhook-endpoint-failed-twice-then-delivered.json");
        if (Boolean.getBoolean("perennial.record-histories")) {
            Files.writeString(recorded, client.fetchHistory(WorkflowIds.webhookEndpoint(ENDPOINT)).toJson(true));
        }
        WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(Files.readString(recorded)),
                WebhookEndpointWorkflowImpl.class);
    }

    @Test
    void anEndpointFailingThreeDaysStraightIsDisabledAndTheWorkflowEnds(TestWorkflowEnvironment env,
                                                                         WorkflowClient client, Worker worker) {
        ScriptedReceiver receiver = new ScriptedReceiver(env, request -> AttemptOutcome.FAILED);
        worker.registerActivitiesImplementations(receiver);
        env.start();

        deliver(client, worker, WebhookEndpointRun.start(ENDPOINT), "whd_1");
        env.sleep(Duration.ofDays(2));
        deliver(client, worker, WebhookEndpointRun.start(ENDPOINT), "whd_2");
        env.sleep(Duration.ofDays(2));

        assertThat(receiver.disabled).singleElement().satisfies(disabling -> {
            assertThat(disabling.endpointId()).isEqualTo(ENDPOINT);
            // The workflow's clock at the first failing round; the activity reads the server's clock, seconds apart on a busy machine.
            assertThat(disabling.failingSinceMillis()).isCloseTo(receiver.attempts.get(0).atMillis(),
                    org.assertj.core.data.Offset.offset(60_000L));
            // Whatever was not given up on its own (three days after its first attempt) goes with the endpoint.
            List<String> dropped = new ArrayList<>(receiver.givenUp);
            dropped.addAll(disabling.undelivered());
            assertThat(dropped).containsExactlyInAnyOrder("whd_1", "whd_2");
        });
        Attempt last = receiver.attempts.get(receiver.attempts.size() - 1);
        assertThat(last.atMillis() - receiver.attempts.get(0).atMillis())
                .isGreaterThanOrEqualTo(Duration.ofDays(3).toMillis())
                .isLessThan(Duration.ofDays(3).plusHours(8).toMillis());
        // Backoff grows to six hours (plus jitter), so three days take a bounded number of attempts.
        assertThat(receiver.attempts.stream().filter(a -> a.deliveryId().equals("whd_1")).count())
                .isBetween(12L, 22L);
        assertThat(client.newUntypedWorkflowStub(WorkflowIds.webhookEndpoint(ENDPOINT)).describe().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    }

    @Test
    void theWorkflowContinuesAsNewPastItsHistoryLimitAndCarriesItsPendingDeliveries(TestWorkflowEnvironment env,
                                                                                     WorkflowClient client,
                                                                                     Worker worker) {
        ScriptedReceiver receiver = new ScriptedReceiver(env, request -> request.deliveryId().equals("whd_stuck")
                ? AttemptOutcome.FAILED : AttemptOutcome.DELIVERED);
        worker.registerActivitiesImplementations(receiver);
        env.start();
        int limit = 120;
        WebhookEndpointRun run = new WebhookEndpointRun(ENDPOINT, List.of(), 0, limit);

        deliver(client, worker, run, "whd_stuck");
        for (int i = 0; i < 60; i++) {
            deliver(client, worker, run, "whd_" + i);
            env.sleep(Duration.ofSeconds(30));
        }
        env.sleep(Duration.ofHours(1));

        List<Integer> lengths = new ArrayList<>();
        String runId = null;
        do {
            WorkflowExecutionHistory history = runId == null
                    ? client.fetchHistory(WorkflowIds.webhookEndpoint(ENDPOINT))
                    : client.fetchHistory(WorkflowIds.webhookEndpoint(ENDPOINT), runId);
            lengths.add(history.getEvents().size());
            HistoryEvent started = history.getEvents().get(0);
            runId = started.getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
        } while (!runId.isEmpty());

        assertThat(lengths).hasSizeGreaterThan(2);
        // The limit plus what one round of attempts and a wait can add.
        assertThat(lengths).allSatisfy(length -> assertThat(length).isLessThanOrEqualTo(limit + 60));
        assertThat(receiver.attempts.stream().filter(a -> !a.deliveryId().equals("whd_stuck")))
                .extracting(Attempt::deliveryId).doesNotHaveDuplicates().hasSize(60);
        // The failing delivery kept its attempt count across runs.
        assertThat(receiver.attempts.stream().filter(a -> a.deliveryId().equals("whd_stuck")))
                .extracting(Attempt::attempt).isSorted().doesNotHaveDuplicates().hasSizeGreaterThan(5);
    }
}

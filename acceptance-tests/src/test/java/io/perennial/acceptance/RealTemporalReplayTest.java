package io.perennial.acceptance;

import io.micronaut.http.HttpResponse;
import io.perennial.subscription.SubscriptionStart;
import io.perennial.subscription.SubscriptionState;
import io.perennial.subscription.SubscriptionWorkflowImpl;
import io.perennial.worker.HostedWorkflows;
import io.perennial.temporal.codec.AesGcmPayloadCodec;
import io.perennial.temporal.codec.PayloadCodecFactory;
import io.perennial.temporal.codec.PayloadKeyring;
import io.perennial.worker.replay.HistoryReplayer;
import io.perennial.worker.replay.RecordedRun;
import io.perennial.worker.replay.ReplayCommand;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay command against the real Temporal server ({@code temporal server start-dev}): it downloads the
 * history of a subscription the platform ran and replays it against the current code, and it catches an
 * incompatible change before it is deployed.
 */
@NeedsTemporalCli
@PlatformTest(temporal = PlatformTest.Temporal.DEV_SERVER)
class RealTemporalReplayTest {

    private TemporalDevServer temporal;
    private TestPlatform platform;
    private String workflowId;

    @BeforeAll
    void runASubscriptionToItsEndOnTheRealServer() throws Exception {
        ApiSession api = platform.api;

        String token = api.newCustomer();
        HttpResponse<Map<String, Object>> created = api.post(token, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa"));
        assertThat(created.code()).isEqualTo(201);
        String id = (String) created.body().get("id");
        workflowId = "subscription-" + id;
        String path = "/v1/subscriptions/" + id;
        ApiSession.eventually(() -> api.get(token, path + "?consistency=strong"),
                view -> "workflow".equals(view.get("source")),
                Duration.ofSeconds(20));
        assertThat(api.post(token, path + "/cancel", Map.of("timing", "IMMEDIATELY")).code()).isEqualTo(200);
        // Visibility is eventually consistent: wait until the query the command runs sees the completed run.
        ApiSession.eventually(() -> temporal.listWorkflows(byId() + " AND ExecutionStatus = 'Completed'"),
                found -> found.size() == 1, Duration.ofSeconds(20));
    }

    private String byId() {
        return "WorkflowId = '" + workflowId + "'";
    }

    private record Run(int exitStatus, String out, String err) {
    }

    /** The worker's payload key, given to the command the way an operator would: in its environment. */
    private Map<String, String> payloadKeys() {
        Map<String, Object> properties = platform.stack.properties();
        return Map.of("PAYLOAD_CODEC_KEY_ID", (String) properties.get("perennial.codec.key-id"),
                "PAYLOAD_CODEC_KEY", (String) properties.get("perennial.codec.key"));
    }

    private Run replay(List<Class<?>> implementations, String... extraArgs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = Stream.concat(Stream.of("--address", temporal.target, "--query", byId()),
                Stream.of(extraArgs)).toList();
        int status = ReplayCommand.run(args, payloadKeys(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), implementations);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theHistoryOfASubscriptionOnTheServerReplaysAgainstTheCurrentCodeAndIsSavedAsAFixture(@TempDir Path saveDir)
            throws Exception {
        Run run = replay(HostedWorkflows.IMPLEMENTATIONS, "--save-dir", saveDir.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).containsPattern("(?m)^OK +" + workflowId + "  run [0-9a-f-]+  \\(SubscriptionWorkflow\\)$")
                .contains("Saved 1 history to " + saveDir)
                .contains("Replayed 1 workflow run(s): 1 OK, 0 non-deterministic, 0 failed.");
        assertThat(run.exitStatus()).isZero();

        // The saved file is a fixture like the committed ones: it reads back and replays the same way.
        List<Path> saved;
        try (Stream<Path> files = Files.list(saveDir)) {
            saved = files.toList();
        }
        assertThat(saved).singleElement().satisfies(file ->
                assertThat(file.getFileName().toString()).startsWith(workflowId + "_").endsWith(".json"));
        WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(Files.readString(saved.get(0)));
        assertThat(history.getLastEvent().getEventType().name()).isEqualTo("EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED");
        // Its payloads stay encrypted: without the key they cannot be read, with it the history replays.
        RecordedRun fixture = new RecordedRun(workflowId, "saved", "SubscriptionWorkflow", history);
        assertThat(HistoryReplayer.replay(List.of(fixture), HostedWorkflows.IMPLEMENTATIONS).exitStatus()).isOne();
        Map<String, String> keys = payloadKeys();
        DataConverter withKey = PayloadCodecFactory.encrypting(new AesGcmPayloadCodec(
                PayloadKeyring.of(keys.get("PAYLOAD_CODEC_KEY_ID"), keys.get("PAYLOAD_CODEC_KEY"), null)));
        assertThat(HistoryReplayer.replay(List.of(fixture), HostedWorkflows.IMPLEMENTATIONS, withKey).exitStatus())
                .isZero();
    }

    @Test
    void withoutThePayloadKeyTheCommandSaysTheHistoriesAreEncrypted() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ReplayCommand.run(List.of("--address", temporal.target, "--query", byId()), Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, HostedWorkflows.IMPLEMENTATIONS);

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("PAYLOAD_CODEC_KEY is not set")
                .contains("the payloads are encrypted");
    }

    @Test
    void anIncompatibleChangeIsReportedAsNonDeterminismWithAFailingExitStatus() {
        Run run = replay(List.of(SleepFirstSubscriptionWorkflow.class));

        assertThat(run.exitStatus()).isEqualTo(1);
        assertThat(run.out()).containsPattern("(?m)^NON-DETERMINISTIC " + workflowId + "  run ")
                // The subscription's first command is its read-model write (a local activity), where this one sleeps.
                .containsPattern("(?m)^    io\\.temporal\\.worker\\.NonDeterministicException: .*"
                        + "Local activity of type RecordSubscriptionAt is recorded in the history")
                .doesNotContain("\tat io.temporal")
                .contains("Replayed 1 workflow run(s): 0 OK, 1 non-deterministic, 0 failed.");
    }

    @Test
    void aQueryThatMatchesNothingReplaysNothingAndSucceeds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ReplayCommand.run(List.of("--address", temporal.target, "--query",
                        "WorkflowId = 'subscription-that-never-was'"), payloadKeys(),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, HostedWorkflows.IMPLEMENTATIONS);

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("No workflow matched the query");
    }

    @Test
    void aMalformedQueryOrAnUnknownNamespaceIsAUsageErrorWithExitStatusTwo() {
        Run malformed = replay(HostedWorkflows.IMPLEMENTATIONS, "--query", "WorkflowId = ");
        assertThat(malformed.exitStatus()).isEqualTo(2);
        assertThat(malformed.err()).contains("replay: cannot list or download the workflows");

        Run unknownNamespace = replay(HostedWorkflows.IMPLEMENTATIONS, "--namespace", "no-such-namespace");
        assertThat(unknownNamespace.exitStatus()).isEqualTo(2);
        assertThat(unknownNamespace.err()).contains("replay: cannot list or download the workflows");
    }

    /** The subscription workflow with one unguarded change: it sleeps a day before its first step. */
    public static class SleepFirstSubscriptionWorkflow extends SubscriptionWorkflowImpl {
        @WorkflowInit
        public SleepFirstSubscriptionWorkflow(SubscriptionStart start) {
            super(start);
        }

        @Override
        public SubscriptionState run(SubscriptionStart start) {
            Workflow.sleep(Duration.ofDays(1));
            return super.run(start);
        }
    }
}

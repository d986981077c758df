package io.perennial.worker.replay;

import io.perennial.subscription.SubscriptionWorkflowImpl;
import io.perennial.worker.HostedWorkflows;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replay command's arguments, exit statuses and report, without a Temporal server. */
class ReplayCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> environment, String... args) {
        return ReplayCommand.run(List.of(args), environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), HostedWorkflows.IMPLEMENTATIONS);
    }

    @Test
    void withoutArgumentsItReplaysEveryHostedWorkflowTypeOnTheLocalDefaultNamespace() throws Exception {
        ReplayOptions options = ReplayOptions.parse(List.of(), Map.of());

        assertThat(options).isEqualTo(new ReplayOptions("localhost:7233", "default", Optional.empty(), 1000,
                Optional.empty()));
        assertThat(HistoryReplayer.defaultQuery(HostedWorkflows.IMPLEMENTATIONS))
                .startsWith("WorkflowType = 'SubscriptionWorkflow'");
        assertThat(HistoryReplayer.defaultQuery(List.of(SubscriptionWorkflowImpl.class, SubscriptionWorkflowImpl.class)))
                .as("one condition per workflow type")
                .isEqualTo("WorkflowType = 'SubscriptionWorkflow'");
    }

    @Test
    void theAddressAndNamespaceComeFromTheEnvironmentTheWorkerReadsUnlessGiven() throws Exception {
        Map<String, String> environment = Map.of("TEMPORAL_ADDRESS", "temporal:7233", "TEMPORAL_NAMESPACE", "billing");

        assertThat(ReplayOptions.parse(List.of(), environment))
                .extracting(ReplayOptions::address, ReplayOptions::namespace)
                .containsExactly("temporal:7233", "billing");
        assertThat(ReplayOptions.parse(List.of("--address", "10.0.0.5:7233", "--namespace=prod"), environment))
                .extracting(ReplayOptions::address, ReplayOptions::namespace)
                .containsExactly("10.0.0.5:7233", "prod");
    }

    @Test
    void everyOptionIsTakenAsSeparateArgumentsOrWithAnEqualsSign() throws Exception {
        ReplayOptions options = ReplayOptions.parse(List.of("--query", "WorkflowId = 'subscription-42'",
                "--limit=25", "--save-dir", "target/histories"), Map.of());

        assertThat(options.query()).contains("WorkflowId = 'subscription-42'");
        assertThat(options.limit()).isEqualTo(25);
        assertThat(options.saveDir()).contains(Path.of("target/histories"));
    }

    @Test
    void badArgumentsAreAUsageErrorWithExitStatusTwo() {
        assertThatThrownBy(() -> ReplayOptions.parse(List.of("--limit", "0"), Map.of()))
                .hasMessage("--limit must be a positive whole number, not '0'");
        assertThatThrownBy(() -> ReplayOptions.parse(List.of("--limit", "many"), Map.of()))
                .hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> ReplayOptions.parse(List.of("--query"), Map.of())).hasMessage("--query needs a value");
        assertThatThrownBy(() -> ReplayOptions.parse(List.of("--query", " "), Map.of()))
                .hasMessage("--query needs a value");

        assertThat(run(Map.of(), "--workflow", "subscription-42")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("replay: unknown option '--workflow'")
                .contains("Usage: ReplayCommand");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: ReplayCommand").contains("--save-dir")
                .contains("Exit status: 0");
    }

    @Test
    void aServerThatDoesNotAnswerIsAConnectionErrorWithExitStatusTwo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThat(run(Map.of(), "--address", "127.0.0.1:" + closedPort)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("replay: cannot reach Temporal at 127.0.0.1:" + closedPort);
    }

    @Test
    void theReportListsEachRunWithTheReasonUnderAnyThatFailedAndExitsOneIfAnyDid() {
        ReplayReport report = new ReplayReport(List.of(
                new ReplayOutcome("subscription-1", "run-a", "SubscriptionWorkflow", ReplayOutcome.Verdict.OK, ""),
                new ReplayOutcome("subscription-2", "run-b", "SubscriptionWorkflow",
                        ReplayOutcome.Verdict.NON_DETERMINISTIC, "io.temporal.worker.NonDeterministicException: "
                        + "Failure handling event 5 of type 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED'\nmore detail")));
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(report.exitStatus()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "OK                subscription-1  run run-a  (SubscriptionWorkflow)",
                "NON-DETERMINISTIC subscription-2  run run-b  (SubscriptionWorkflow)",
                "    io.temporal.worker.NonDeterministicException: Failure handling event 5 of type "
                        + "'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED'",
                "    more detail",
                "Replayed 2 workflow run(s): 1 OK, 1 non-deterministic, 0 failed.");
    }

    @Test
    void aReportOfRunsThatAllReplayedOrOfNoRunsExitsZero() {
        assertThat(new ReplayReport(List.of(new ReplayOutcome("subscription-1", "run-a", "SubscriptionWorkflow",
                ReplayOutcome.Verdict.OK, ""))).exitStatus()).isZero();
        ReplayReport empty = new ReplayReport(List.of());
        assertThat(empty.exitStatus()).isZero();
        assertThat(empty.summary()).isEqualTo("No workflow matched the query: nothing was replayed.");
    }
}

package io.perennial.launcher;

import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real Temporal server ({@code temporal server start-dev}, SQLite in a temp folder) for a test suite.
 * Needs the Temporal CLI: on PATH as {@code temporal}, or named by TEMPORAL_CLI. A suite that needs it is skipped
 * without it, except in CI (CI=true), where it must run.
 */
final class TemporalDevServer implements AutoCloseable {
    final String target;
    final Path dataDir;
    /** Where the Web UI listens, or 0 when the server runs headless. */
    final int uiPort;
    private final Process process;
    private final WorkflowServiceStubs service;

    private TemporalDevServer(Path cli, boolean withUi) throws IOException {
        int port = EmbeddedStack.freePort();
        dataDir = Files.createTempDirectory("perennial-temporal-");
        uiPort = withUi ? EmbeddedStack.freePort() : 0;
        List<String> command = new java.util.ArrayList<>(List.of(cli.toString(), "server", "start-dev",
                "--ip", "127.0.0.1", "--port", String.valueOf(port),
                "--http-port", String.valueOf(EmbeddedStack.freePort()),
                "--metrics-port", String.valueOf(EmbeddedStack.freePort()),
                "--db-filename", dataDir.resolve("temporal.db").toString(),
                "--log-level", "error"));
        if (withUi) {
            command.addAll(List.of("--ui-ip", "127.0.0.1", "--ui-port", String.valueOf(uiPort)));
        } else {
            command.add("--headless");
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server.log").toFile())
                .start();
        target = "127.0.0.1:" + port;
        service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
        ApiSession.eventually(this::answers, Boolean::booleanValue, Duration.ofSeconds(60));
    }

    /** Starts the dev server, or skips the calling suite (fails it under CI) when the CLI is not there. */
    static TemporalDevServer startOrSkip() throws IOException {
        return new TemporalDevServer(cliOrSkip(), false);
    }

    /** With the Temporal Web UI on {@link #uiPort}. */
    static TemporalDevServer startWithUiOrSkip() throws IOException {
        return new TemporalDevServer(cliOrSkip(), true);
    }

    private static Path cliOrSkip() {
        Optional<Path> cli = cli();
        if (cli.isEmpty()) {
            String how = "Temporal CLI not found. Build it with "
                    + "'CGO_ENABLED=0 go install github.com/temporalio/cli/cmd/temporal@v1.5.1' and put it on PATH "
                    + "(or set TEMPORAL_CLI); .ci/run does this for you.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI must run the real-Temporal suites. " + how);
            }
            Assumptions.assumeTrue(false, how);
        }
        return cli.get();
    }

    static Optional<Path> cli() {
        String explicit = System.getenv("TEMPORAL_CLI");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "temporal"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private boolean answers() {
        try {
            service.blockingStub().withDeadlineAfter(1, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            return true;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** Workflows matching a visibility query in the default namespace. */
    List<WorkflowExecutionInfo> listWorkflows(String query) {
        return service.blockingStub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace("default").setQuery(query).build()).getExecutionsList();
    }

    @Override
    public void close() {
        service.shutdownNow();
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

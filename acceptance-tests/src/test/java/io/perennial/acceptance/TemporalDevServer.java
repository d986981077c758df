package io.perennial.acceptance;

import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real Temporal server ({@code temporal server start-dev}, SQLite in a temp folder) for a test suite.
 * Needs the Temporal CLI: on PATH as {@code temporal}, or named by TEMPORAL_CLI. A suite that starts it is annotated
 * {@link NeedsTemporalCli}: skipped without the CLI, except in CI (CI=true), where it must run.
 */
final class TemporalDevServer implements AutoCloseable {
    final String target;
    final Path dataDir;
    /** Where the Web UI listens, or 0 when the server runs headless. */
    final int uiPort;
    private final Process process;
    private final WorkflowServiceStubs service;

    private TemporalDevServer(Path cli, boolean withUi) throws IOException {
        int port = FreePort.find();
        dataDir = Files.createTempDirectory("perennial-temporal-");
        uiPort = withUi ? FreePort.find() : 0;
        List<String> command = new java.util.ArrayList<>(List.of(cli.toString(), "server", "start-dev",
                "--ip", "127.0.0.1", "--port", String.valueOf(port),
                "--http-port", String.valueOf(FreePort.find()),
                "--metrics-port", String.valueOf(FreePort.find()),
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

    /** Starts the dev server; the suites calling this carry {@link NeedsTemporalCli}, which skips them without it. */
    static TemporalDevServer start() throws IOException {
        return new TemporalDevServer(requiredCli(), false);
    }

    /** With the Temporal Web UI on {@link #uiPort}. */
    static TemporalDevServer startWithUi() throws IOException {
        return new TemporalDevServer(requiredCli(), true);
    }

    private static Path requiredCli() {
        return cli().orElseThrow(() -> new IllegalStateException(RealTemporalPrerequisites.CLI_MISSING));
    }

    static Optional<Path> cli() {
        String explicit = System.getenv("TEMPORAL_CLI");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
        }
        return RealTemporalPrerequisites.onPath("temporal");
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

package io.perennial.launcher;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The platform against the real Temporal server ({@code temporal server start-dev}, SQLite in a temp folder),
 * driven through the HTTP API. Needs the Temporal CLI: on PATH as {@code temporal}, or named by TEMPORAL_CLI.
 * Skipped without it, except in CI (CI=true), where it must run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealTemporalEndToEndTest {

    private Process temporal;
    private Path temporalData;
    private TestPlatform platform;
    private ApiSession api;
    private WorkflowServiceStubs visibility;

    static Optional<Path> temporalCli() {
        String explicit = System.getenv("TEMPORAL_CLI");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "temporal"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    @BeforeAll
    void startRealTemporal() throws Exception {
        Optional<Path> cli = temporalCli();
        if (cli.isEmpty()) {
            String how = "Temporal CLI not found. Build it with "
                    + "'CGO_ENABLED=0 go install github.com/temporalio/cli/cmd/temporal@v1.5.1' and put it on PATH "
                    + "(or set TEMPORAL_CLI); .ci/run does this for you.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI must run the real-Temporal suite. " + how);
            }
            Assumptions.assumeTrue(false, how);
        }
        int port = EmbeddedStack.freePort();
        temporalData = Files.createTempDirectory("perennial-temporal-");
        temporal = new ProcessBuilder(cli.get().toString(), "server", "start-dev", "--headless",
                "--ip", "127.0.0.1", "--port", String.valueOf(port),
                "--http-port", String.valueOf(EmbeddedStack.freePort()),
                "--metrics-port", String.valueOf(EmbeddedStack.freePort()),
                "--db-filename", temporalData.resolve("temporal.db").toString(),
                "--log-level", "error")
                .redirectErrorStream(true)
                .redirectOutput(temporalData.resolve("server.log").toFile())
                .start();
        String target = "127.0.0.1:" + port;
        visibility = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
        ApiSession.eventually(() -> serverAnswers(), Boolean::booleanValue, Duration.ofSeconds(60));

        platform = TestPlatform.start(new EmbeddedStack.Options(target, null, null, null, null));
        api = platform.api;
    }

    private boolean serverAnswers() {
        try {
            visibility.blockingStub().withDeadlineAfter(1, java.util.concurrent.TimeUnit.SECONDS)
                    .getSystemInfo(io.temporal.api.workflowservice.v1.GetSystemInfoRequest.getDefaultInstance());
            return true;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    @AfterAll
    void stop() throws IOException {
        if (platform != null) {
            platform.close();
        }
        if (visibility != null) {
            visibility.shutdownNow();
        }
        if (temporal != null) {
            temporal.destroy();
        }
    }

    private List<WorkflowExecutionInfo> listWorkflows(String query) {
        return visibility.blockingStub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace("default").setQuery(query).build()).getExecutionsList();
    }

    @Test
    void aSubscriptionStartedThroughTheApiIsListedByItsCustomerIdAndCanBeCanceled() {
        String token = api.newCustomer();
        HttpResponse<Map<String, Object>> created = api.post(token, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa"));
        assertThat(created.code()).isEqualTo(201);
        String id = (String) created.body().get("id");
        String customerId = (String) created.body().get("customerId");
        String path = "/v1/subscriptions/" + id;

        Map<String, Object> live = ApiSession.eventually(() -> api.get(token, path),
                view -> "workflow".equals(view.get("source")), Duration.ofSeconds(20));
        assertThat(live).containsEntry("status", "TRIALING");

        List<WorkflowExecutionInfo> listed = ApiSession.eventually(
                () -> listWorkflows("CustomerId = '" + customerId + "'"), found -> !found.isEmpty(),
                Duration.ofSeconds(20));
        assertThat(listed).extracting(info -> info.getExecution().getWorkflowId()).containsExactly("subscription-" + id);
        ApiSession.eventually(() -> listWorkflows("CustomerId = '" + customerId + "' AND SubscriptionStatus = 'TRIALING'"),
                found -> found.size() == 1, Duration.ofSeconds(20));

        assertThat(api.post(token, path + "/cancel", Map.of("timing", "IMMEDIATELY")).code()).isEqualTo(202);
        Map<String, Object> end = ApiSession.eventually(() -> api.get(token, path),
                view -> "CANCELED".equals(view.get("status")), Duration.ofSeconds(20));
        assertThat(end).containsEntry("cancelReason", "customer_request");
        ApiSession.eventually(() -> listWorkflows("CustomerId = '" + customerId + "' AND ExecutionStatus = 'Completed'"
                + " AND SubscriptionStatus = 'CANCELED'"), found -> found.size() == 1, Duration.ofSeconds(20));
    }

    @Test
    void theTestClockDoesNotExistAgainstARealTemporal() {
        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        HttpClientResponseException missing = api.failure(() -> api.get(ops, "/v1/dev/clock"));
        assertThat(missing.code()).isEqualTo(404);
    }
}

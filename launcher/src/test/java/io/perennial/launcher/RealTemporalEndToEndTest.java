package io.perennial.launcher;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform against the real Temporal server ({@code temporal server start-dev}, see {@link TemporalDevServer}),
 * driven through the HTTP API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealTemporalEndToEndTest {

    private TemporalDevServer temporal;
    private TestPlatform platform;
    private ApiSession api;

    @BeforeAll
    void startRealTemporal() throws Exception {
        temporal = TemporalDevServer.startOrSkip();
        platform = TestPlatform.start(new EmbeddedStack.Options(temporal.target, null, null, null, null));
        api = platform.api;
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
        if (temporal != null) {
            temporal.close();
        }
    }

    private List<WorkflowExecutionInfo> listWorkflows(String query) {
        return temporal.listWorkflows(query);
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

        assertThat(api.post(token, path + "/cancel", Map.of("timing", "IMMEDIATELY")).code()).isEqualTo(200);
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

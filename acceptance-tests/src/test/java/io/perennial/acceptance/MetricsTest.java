package io.perennial.acceptance;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Prometheus metrics on the embedded platform: the Temporal SDK's and Perennial's business counters, for staff. */
@PlatformTest(ownPlatform = true)
class MetricsTest {

    private TestPlatform platform;
    private ApiSession api;

    private String scrape(String token) {
        return platform.client.toBlocking().retrieve(HttpRequest.GET("/prometheus").bearerAuth(token));
    }

    @Test
    void chargesAndTheTemporalWorkerShowUpInPrometheusForStaffOnly() {
        String customer = api.newCustomer();
        api.post(customer, "/v1/subscriptions", Map.of("planId", "plan_digital_yearly", "paymentMethod", "pm_card_visa"));
        api.post(api.newCustomer(), "/v1/subscriptions",
                Map.of("planId", "plan_digital_yearly", "paymentMethod", "pm_card_declined"));
        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);

        String metrics = ApiSession.eventually(() -> scrape(ops),
                text -> text.contains("perennial_charges_total{kind=\"renewal\",outcome=\"succeeded\"")
                        && text.contains("perennial_charges_total{kind=\"renewal\",outcome=\"declined\"")
                        && text.contains("temporal_worker_task_slots_available"), Duration.ofSeconds(30));
        assertThat(metrics).contains("perennial_charged_minor_total{currency=\"EUR\"} 12900.0",
                "temporal_activity_execution_latency", "temporal_workflow_task_schedule_to_start_latency");

        assertThatThrownBy(() -> platform.client.toBlocking().retrieve(HttpRequest.GET("/prometheus")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.code()).isEqualTo(401));
        assertThatThrownBy(() -> scrape(customer))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.code()).isEqualTo(403));
    }

    @Test
    void latenciesThatCompareTheWallClockWithTheMovedTestClockAreNotRecorded() {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        // Still in the trial, so nothing is charged (the other test counts the money).
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P10D"));
        api.post(customer, "/v1/subscriptions/" + id + "/cancel", Map.of("timing", "IMMEDIATELY"));

        // The cancel's activities ran and the workflow completed on the moved clock: both end-to-end timers would
        // have been fed with negative latencies.
        String metrics = ApiSession.eventually(() -> scrape(ops),
                text -> text.contains("temporal_activity_execution_latency")
                        && text.contains("temporal_workflow_completed_total"), Duration.ofSeconds(30));
        assertThat(metrics).doesNotContain("temporal_activity_succeed_endtoend_latency",
                "temporal_workflow_endtoend_latency");
    }

    @Test
    void updatesAreCountedWithTheOtherTemporalRequests() {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        api.post(customer, "/v1/subscriptions/" + id + "/plan-change/preview", Map.of("planId", "plan_digital_yearly"));
        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);

        // The update_name tag only Updates carry made Prometheus refuse the meter after the first plain request.
        assertThat(scrape(ops)).contains("operation=\"UpdateWorkflowExecution\"", "update_name=\"previewPlanChange\"",
                "operation=\"StartWorkflowExecution\"");
    }
}

package io.perennial.acceptance;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.idempotency.IdempotencyKeys;
import io.perennial.launcher.DemoAccounts;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Idempotency-Key} on subscribing: retries answer the first response and never subscribe twice. */
@PlatformTest
class IdempotencyApiTest {

    private TestPlatform platform;
    private ApiSession api;

    private HttpResponse<Map<String, Object>> subscribe(String token, String key, Map<String, Object> body) {
        return platform.client.toBlocking().exchange(HttpRequest.POST("/v1/subscriptions", body).bearerAuth(token)
                .header("Idempotency-Key", key), ApiSession.JSON);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> mine(String token) {
        return (List<Map<String, Object>>) api.get(token, "/v1/subscriptions?limit=100").get("items");
    }

    @Test
    void aRetryWithTheSameKeyAnswersTheFirstResponseAndAnotherBodyIsRefused() {
        String customer = api.newCustomer();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa");

        HttpResponse<Map<String, Object>> first = subscribe(customer, key, body);
        HttpResponse<Map<String, Object>> again = subscribe(customer, key, body);
        assertThat(first.code()).isEqualTo(201);
        assertThat(again.code()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(mine(customer)).hasSize(1);

        HttpClientResponseException otherBody = api.failure(() -> subscribe(customer, key,
                Map.of("planId", "plan_digital_yearly", "paymentMethod", "pm_card_visa")));
        assertThat(otherBody.code()).isEqualTo(422);
        assertThat(ApiSession.problem(otherBody)).containsEntry("type",
                "https://perennial.dev/problems/idempotency-key-reused");

        // Keys belong to their caller: another customer's same key is another request.
        String other = api.newCustomer();
        assertThat(subscribe(other, key, body).body().get("id")).isNotEqualTo(first.body().get("id"));
        assertThat(mine(customer)).hasSize(1);
    }

    @Test
    void aClientErrorIsAnsweredAgainAndAnInvalidKeyIsRefused() {
        String customer = api.newCustomer();
        String key = UUID.randomUUID().toString();
        Map<String, Object> unknownPlan = Map.of("planId", "plan_nope", "paymentMethod", "pm_card_visa");
        HttpClientResponseException first = api.failure(() -> subscribe(customer, key, unknownPlan));
        HttpClientResponseException again = api.failure(() -> subscribe(customer, key, unknownPlan));
        assertThat(first.code()).isEqualTo(422);
        assertThat(again.code()).isEqualTo(422);
        assertThat(again.getResponse().header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(ApiSession.problem(again)).containsEntry("type", "https://perennial.dev/problems/unknown-plan");

        HttpClientResponseException tooLong = api.failure(() -> subscribe(customer, "k".repeat(256),
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")));
        assertThat(tooLong.code()).isEqualTo(400);
        assertThat(mine(customer)).isEmpty();
    }

    @Test
    void aRetriedPriceChangeOrBulkRetryDoesNotHappenTwice() {
        String admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String key = UUID.randomUUID().toString();
        Map<String, Object> rise = Map.of("prices", List.of(Map.of("currency", "EUR", "amountMinor", 1399)));
        HttpResponse<Map<String, Object>> first = platform.client.toBlocking().exchange(
                HttpRequest.POST("/v1/admin/plans/plan_digital_monthly/versions", rise).bearerAuth(admin)
                        .header("Idempotency-Key", key), ApiSession.JSON);
        HttpResponse<Map<String, Object>> again = platform.client.toBlocking().exchange(
                HttpRequest.POST("/v1/admin/plans/plan_digital_monthly/versions", rise).bearerAuth(admin)
                        .header("Idempotency-Key", key), ApiSession.JSON);
        assertThat(again.body().get("version")).isEqualTo(first.body().get("version"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api.list(admin, "/v1/admin/plans/plan_digital_monthly/versions")).hasSize(2);

        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        String batchKey = UUID.randomUUID().toString();
        Object firstBatch = platform.client.toBlocking().exchange(HttpRequest.POST("/v1/ops/renewals/retry",
                Map.of("reason", "declined")).bearerAuth(ops).header("Idempotency-Key", batchKey), ApiSession.JSON)
                .body().get("batchId");
        Object sameBatch = platform.client.toBlocking().exchange(HttpRequest.POST("/v1/ops/renewals/retry",
                Map.of("reason", "declined")).bearerAuth(ops).header("Idempotency-Key", batchKey), ApiSession.JSON)
                .body().get("batchId");
        assertThat(sameBatch).isEqualTo(firstBatch);
    }

    @Test
    void concurrentRetriesOfOneRequestSubscribeOnce() throws Exception {
        String customer = api.newCustomer();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("planId", "plan_digital_yearly", "paymentMethod", "pm_card_visa");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    try {
                        return subscribe(customer, key, body).code();
                    } catch (HttpClientResponseException e) {
                        return e.code();
                    }
                }));
            }
            go.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                codes.add(answer.get());
            }
            assertThat(codes).allMatch(code -> code == 201 || code == 409).contains(201);
        } finally {
            pool.shutdownNow();
        }
        assertThat(mine(customer)).hasSize(1);
        assertThat(subscribe(customer, key, body).header("Idempotent-Replayed")).isEqualTo("true");
    }

    /**
     * The same key derives the same subscription id for ever, but the key itself is kept only 48 hours. A retry after
     * that must find the subscription, not start its ended workflow again (Temporal's default id-reuse policy would).
     */
    @Test
    void aRetryAfterTheKeyExpiredFindsTheEndedSubscriptionAndNeverRunsItAgain() {
        String customer = api.newCustomer();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("planId", "plan_digital_yearly", "paymentMethod", "pm_card_visa");
        String id = (String) subscribe(customer, key, body).body().get("id");
        api.post(customer, "/v1/subscriptions/" + id + "/cancel", Map.of("timing", "IMMEDIATELY"));
        WorkflowStub workflow = platform.bean(WorkflowClient.class)
                .newUntypedWorkflowStub(WorkflowIds.subscription(id));
        ApiSession.eventually(() -> status(workflow),
                status -> status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, Duration.ofSeconds(20));
        String endedRun = workflow.describe().getExecution().getRunId();
        platform.bean(IdempotencyKeys.class).purge(Instant.now().plusSeconds(60));

        HttpResponse<Map<String, Object>> late = subscribe(customer, key, body);
        assertThat(late.code()).isEqualTo(201);
        assertThat(late.header("Idempotent-Replayed")).isNull();
        assertThat(late.body()).containsEntry("id", id).containsEntry("status", "CANCELED");
        WorkflowStub latest = platform.bean(WorkflowClient.class)
                .newUntypedWorkflowStub(WorkflowIds.subscription(id));
        assertThat(status(latest)).isNotEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        assertThat(latest.describe().getExecution().getRunId()).isEqualTo(endedRun);
        assertThat(mine(customer)).hasSize(1);
    }

    private static WorkflowExecutionStatus status(WorkflowStub workflow) {
        return workflow.describe().getStatus();
    }
}

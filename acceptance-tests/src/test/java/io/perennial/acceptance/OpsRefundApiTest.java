package io.perennial.acceptance;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.launcher.DemoAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Ops refund a paid period: once per Idempotency-Key, never more than was paid, audited, staff only. */
@PlatformTest
class OpsRefundApiTest {

    private static final String PROBLEMS = "https://perennial.dev/problems/";

    private TestPlatform platform;
    private ApiSession api;
    private String ops;

    @BeforeAll
    void start() {
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
    }

    private HttpResponse<Map<String, Object>> refund(String token, String subscriptionId, String key,
                                                     Map<String, Object> body) {
        var request = HttpRequest.POST("/v1/ops/subscriptions/" + subscriptionId + "/refunds", body).bearerAuth(token);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return platform.client.toBlocking().exchange(request, ApiSession.JSON);
    }

    @Test
    void aPaidPeriodIsRefundedOncePerKeyAndNeverBeyondWhatWasPaid() {
        String customer = api.newCustomer();
        Map<String, Object> subscribed = api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_yearly", "paymentMethod", "pm_card_visa")).body();
        String id = (String) subscribed.get("id");
        long price = ((Number) subscribed.get("amountMinor")).longValue();
        ApiSession.eventually(() -> api.list(customer, "/v1/subscriptions/" + id + "/payments"),
                payments -> !payments.isEmpty(), Duration.ofSeconds(20));

        Map<String, Object> goodwill = Map.of("period", 1, "amountMinor", 500, "reason", "goodwill");
        HttpResponse<Map<String, Object>> first = refund(ops, id, "ticket-1", goodwill);
        assertThat(first.code()).isEqualTo(201);
        assertThat(first.body()).containsEntry("amountMinor", 500).containsEntry("period", 1)
                .containsEntry("subscriptionId", id);
        // A retry answers the same refund; nothing is given twice.
        HttpResponse<Map<String, Object>> again = refund(ops, id, "ticket-1", goodwill);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());

        // Asking for far more under another key gives back only what is left of the period's payment.
        HttpResponse<Map<String, Object>> rest = refund(ops, id, "ticket-2",
                Map.of("period", 1, "amountMinor", 100_000_000, "reason", "service_outage"));
        assertThat(rest.body()).containsEntry("amountMinor", (int) (price - 500))
                .containsEntry("askedMinor", 100_000_000);
        HttpClientResponseException nothingLeft = api.failure(() -> refund(ops, id, "ticket-3", goodwill));
        assertThat(nothingLeft.code()).isEqualTo(409);
        assertThat(ApiSession.problem(nothingLeft)).containsEntry("type", PROBLEMS + "nothing-to-refund");

        assertThat(platform.bean(AuditLog.class).findByTarget("subscription:" + id))
                .extracting(AuditEntry::action).containsOnly("refund.given").hasSize(3);
    }

    @Test
    void aRefundWithoutAKeyOrForAnUnknownSubscriptionOrFromACustomerIsRefused() {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_yearly", "paymentMethod", "pm_card_visa")).body().get("id");
        Map<String, Object> body = Map.of("period", 1, "amountMinor", 100, "reason", "goodwill");

        HttpClientResponseException noKey = api.failure(() -> refund(ops, id, null, body));
        assertThat(noKey.code()).isEqualTo(400);
        assertThat(ApiSession.problem(noKey)).containsEntry("type", PROBLEMS + "validation");
        HttpClientResponseException unknown = api.failure(() -> refund(ops, UUID.randomUUID().toString(), "k", body));
        assertThat(unknown.code()).isEqualTo(404);
        HttpClientResponseException byCustomer = api.failure(() -> refund(customer, id, "k", body));
        assertThat(byCustomer.code()).isEqualTo(403);
        HttpClientResponseException badReason = api.failure(() -> refund(ops, id, "k2",
                Map.of("period", 1, "amountMinor", 100, "reason", "Because I said so")));
        assertThat(badReason.code()).isEqualTo(400);
        assertThat(platform.bean(AuditLog.class).findByTarget("subscription:" + id)).isEmpty();
    }
}

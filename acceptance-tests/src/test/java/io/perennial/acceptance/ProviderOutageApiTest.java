package io.perennial.acceptance;

import io.perennial.launcher.DemoAccounts;
import io.perennial.payment.SimulatedGatewayLedger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Billing day during a payment provider outage, on the embedded platform and the test clock: the renewals are held
 * and listed as failed, ops end the outage and retry them all as one batch, every subscription is charged exactly
 * once, and running the batch again changes nothing.
 */
@PlatformTest(ownPlatform = true)
class ProviderOutageApiTest {

    private TestPlatform platform;
    private ApiSession api;
    private String ops;

    @BeforeAll
    void start() {
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    @Test
    void heldRenewalsAreListedAndOneBulkRetryChargesEachExactlyOnce() {
        List<String> subscriptions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String customer = api.newCustomer();
            subscriptions.add((String) api.post(customer, "/v1/subscriptions",
                    Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id"));
        }
        assertThat(api.failure(() -> api.put(api.newCustomer(), "/v1/ops/gateway/outage",
                Map.of("mode", "ERRORS"))).code()).isEqualTo(403);
        assertThat(api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "ERRORS", "note", "provider incident"))
                .body()).containsEntry("mode", "ERRORS");

        // The trials end on billing day, in the outage: each charge is retried for the 30-minute gateway window,
        // then the renewal is held for an hour. An hour after billing day began, all three are on hold.
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P14DT1H"));
        List<Map<String, Object>> failed = ApiSession.eventually(() -> items(api.get(ops,
                        "/v1/ops/renewals/failed?reason=gateway_unavailable&planId=plan_digital_monthly")),
                found -> found.size() == 3, Duration.ofSeconds(20));
        assertThat(failed).extracting(row -> row.get("subscriptionId"))
                .containsExactlyInAnyOrderElementsOf(subscriptions);
        assertThat(failed).allSatisfy(row -> {
            assertThat(row).containsEntry("reason", "gateway_unavailable").containsEntry("failedPaymentCount", 0);
            assertThat(row.get("nextRetryAt")).isNotNull();
            assertThat(((Number) row.get("attempts")).intValue()).isPositive();
        });
        assertThat(subscriptions).allSatisfy(id -> assertThat(api.get(ops, "/v1/subscriptions/" + id))
                .containsEntry("status", "PAST_DUE").containsEntry("paymentIssue", "gateway_unavailable")
                .containsKey("paymentIssueSince"));
        assertThat(items(api.get(ops, "/v1/ops/renewals/failed?reason=declined&planId=plan_digital_monthly")))
                .isEmpty();
        Map<String, Object> onePage = api.get(ops, "/v1/ops/renewals/failed?planId=plan_digital_monthly&limit=2");
        assertThat(items(onePage)).hasSize(2);
        assertThat(onePage).containsEntry("source", "read-model");
        assertThat(items(api.get(ops, "/v1/ops/renewals/failed?planId=plan_digital_monthly&limit=2&after="
                + onePage.get("next")))).hasSize(1);
        SimulatedGatewayLedger ledger = platform.bean(SimulatedGatewayLedger.class);
        assertThat(subscriptions).allSatisfy(id -> assertThat(ledger.countCharges(id + ":")).isZero());

        // The provider is back: one bulk retry.
        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "NONE"));
        Map<String, Object> batch = api.post(ops, "/v1/ops/renewals/retry",
                Map.of("reason", "gateway_unavailable", "note", "provider recovered")).body();
        String batchPath = "/v1/ops/renewals/retry/" + batch.get("batchId");
        Map<String, Object> finished = ApiSession.eventually(() -> api.get(ops, batchPath),
                progress -> Boolean.TRUE.equals(progress.get("done")), Duration.ofSeconds(20));
        assertThat(finished).containsEntry("selected", 3).containsEntry("retried", 3);
        ApiSession.eventually(() -> items(api.get(ops, "/v1/ops/renewals/failed?planId=plan_digital_monthly")),
                List::isEmpty, Duration.ofSeconds(20));
        assertThat(subscriptions).allSatisfy(id -> {
            assertThat(api.get(ops, "/v1/subscriptions/" + id)).containsEntry("status", "ACTIVE")
                    .doesNotContainKey("paymentIssue");
            assertThat(ledger.countCharges(id + ":1:")).isEqualTo(1);
        });

        // Safe to run twice: nothing left to select, nothing charged again.
        Map<String, Object> again = api.post(ops, "/v1/ops/renewals/retry", Map.of("reason", "gateway_unavailable"))
                .body();
        assertThat(ApiSession.eventually(() -> api.get(ops, "/v1/ops/renewals/retry/" + again.get("batchId")),
                progress -> Boolean.TRUE.equals(progress.get("done")), Duration.ofSeconds(20)))
                .containsEntry("selected", 0);
        assertThat(subscriptions).allSatisfy(id -> assertThat(ledger.countCharges(id + ":")).isEqualTo(1));
    }

    /**
     * The rule for a plan change in an outage: the client told "failed" finds the subscription unchanged and nothing
     * charged once the provider is back; asking again then changes it.
     */
    @Test
    void anUpgradeDuringAnOutageIsRefusedWith503AndStaysRefusedOnceTheProviderIsBack() {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P15D"));
        String path = "/v1/subscriptions/" + id;
        ApiSession.eventually(() -> api.get(customer, path), view -> "ACTIVE".equals(view.get("status")),
                Duration.ofSeconds(20));
        SimulatedGatewayLedger ledger = platform.bean(SimulatedGatewayLedger.class);
        assertThat(ledger.countCharges(id + ":")).isEqualTo(1);

        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "ERRORS", "note", "provider incident"));
        try {
            var refused = api.failure(() -> api.post(customer, path + "/plan-change",
                    Map.of("planId", "plan_digital_yearly")));
            assertThat(refused.code()).isEqualTo(503);
            assertThat(refused.getResponse().getHeaders().get("Retry-After")).isEqualTo("30");
            assertThat(ApiSession.problem(refused))
                    .containsEntry("type", "https://perennial.dev/problems/payment-provider-unavailable");
        } finally {
            api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "NONE"));
        }

        // The provider is back and time passes: nothing applies the refused change or charges for it.
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "PT2H"));
        assertThat(api.get(customer, path)).containsEntry("planId", "plan_digital_monthly");
        assertThat(ledger.countCharges(id + ":")).isEqualTo(1);

        Map<String, Object> changed = api.post(customer, path + "/plan-change",
                Map.of("planId", "plan_digital_yearly")).body();
        assertThat(changed.get("subscription").toString()).contains("planId=plan_digital_yearly");
        assertThat(ledger.countCharges(id + ":")).isEqualTo(2);
    }
}

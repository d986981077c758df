package io.perennial.launcher;

import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A physical plan's box through the public API on the embedded platform: the subscriber gives an address, each
 * paid period starts the box order {@code order-{subscriptionId}-p{period}}, which the subscriber follows at
 * {@code /v1/orders} to delivery by the simulated carrier's webhooks, and ops in Temporal by its summary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionBoxApiTest {

    private TestPlatform platform;
    private ApiSession api;
    private String ops;
    private String planId;

    @BeforeAll
    void start() {
        platform = TestPlatform.start(EmbeddedStack.Options.allEmbedded());
        api = platform.api;
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        String admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        planId = "plan_beans_monthly_" + suffix;
        assertThat(api.post(admin, "/v1/admin/products", Map.of("id", "beans-club-" + suffix, "name", "Beans club",
                "kind", "PHYSICAL")).code()).isEqualTo(201);
        assertThat(api.post(admin, "/v1/admin/plans", Map.of("id", planId, "productId", "beans-club-" + suffix,
                "name", "Beans, every month", "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 2400)),
                "box", List.of(Map.of("sku", DemoStock.SKU, "quantity", 2)))).code()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static Map<String, Object> address() {
        return new HashMap<>(Map.of("recipient", "Ada Lovelace", "line1", "Keizersgracht 1", "city", "Amsterdam",
                "postalCode", "1015 AB", "countryCode", "NL"));
    }

    @Test
    void aPhysicalPlanNeedsAShippingAddress() {
        String customer = api.newCustomer();
        HttpClientResponseException missing = api.failure(() -> api.post(customer, "/v1/subscriptions",
                Map.of("planId", planId, "paymentMethod", "pm_card_visa")));
        assertThat(missing.code()).isEqualTo(400);
        assertThat(ApiSession.problem(missing).get("errors")).asString().contains("/shippingAddress");

        Map<String, Object> nowhere = address();
        nowhere.put("countryCode", "XX");
        HttpClientResponseException invalid = api.failure(() -> api.post(customer, "/v1/subscriptions",
                Map.of("planId", planId, "paymentMethod", "pm_card_visa", "shippingAddress", nowhere)));
        assertThat(invalid.code()).isEqualTo(400);
        assertThat(ApiSession.problem(invalid).get("errors")).asString().contains("/shippingAddress/countryCode");
        assertThat((List<?>) api.get(customer, "/v1/subscriptions").get("items")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePaidPeriodsBoxIsAnOrderTheSubscriberFollowsToDelivery() {
        String customer = api.newCustomer();
        String subscriptionId = (String) api.post(customer, "/v1/subscriptions", Map.of("planId", planId,
                "paymentMethod", "pm_card_visa", "shippingAddress", address())).body().get("id");
        String boxId = subscriptionId + "-p1";

        List<Map<String, Object>> listed = ApiSession.eventually(
                () -> (List<Map<String, Object>>) api.get(customer, "/v1/orders").get("items"),
                items -> items.stream().anyMatch(item -> boxId.equals(item.get("id"))), Duration.ofSeconds(20));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0)).containsEntry("subscriptionId", subscriptionId).containsEntry("period", 1)
                .containsEntry("chargedMinor", 0).containsEntry("amountMinor", 2400);
        assertThat(listed.get(0).get("lines")).isEqualTo(List.of(Map.of("sku", DemoStock.SKU, "quantity", 2)));

        // Carrier events are due by the test clock; moving it along moves the parcel.
        Map<String, Object> delivered = ApiSession.eventually(() -> {
            api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "PT5S"));
            return api.get(customer, "/v1/orders/" + boxId);
        }, view -> "DELIVERED".equals(view.get("status")), Duration.ofSeconds(60));
        List<Map<String, Object>> history = (List<Map<String, Object>>) delivered.get("history");
        assertThat(history).extracting(change -> change.get("status")).containsExactly("RECEIVED", "STOCK_RESERVED",
                "PAID", "SHIPMENT_BOOKED", "PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");
        assertThat(history.get(2).get("reason")).asString().contains("prepaid by subscription " + subscriptionId);
        assertThat(delivered).containsEntry("refundedMinor", 0);

        // Ops find it in Temporal by the box's id, customer and summary; another customer cannot see it.
        WorkflowExecutionDescription box = platform.context.getBean(WorkflowClient.class)
                .newUntypedWorkflowStub("order-" + boxId).describe();
        assertThat(box.getStaticSummary()).startsWith("Box · subscription " + subscriptionId + " · period 1");
        assertThat(api.failure(() -> api.get(api.newCustomer(), "/v1/orders/" + boxId)).code()).isEqualTo(404);
        List<Map<String, Object>> payments = api.list(customer, "/v1/subscriptions/" + subscriptionId + "/payments");
        assertThat(payments).extracting(payment -> payment.get("amountMinor")).containsExactly(2400);
    }
}

package io.perennial.acceptance;

import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
@PlatformTest(ownPlatform = true)
class SubscriptionBoxApiTest {

    private TestPlatform platform;
    private ApiSession api;
    private String ops;
    private String planId;
    private String soldOutPlanId;

    @BeforeAll
    void start() {
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

        // A box of a SKU with nothing on the shelf and no receipt coming: it waits, and its period ends first.
        String soldOut = "SOLD-OUT-" + suffix.toUpperCase();
        assertThat(api.post(admin, "/v1/admin/skus", Map.of("sku", soldOut, "productId", DemoStock.PRODUCT,
                "name", "Sold out", "initialOnHand", 0, "reorderPoint", 0, "reorderQuantity", 10,
                "preferredSupplierId", DemoStock.SUPPLIER, "unitPriceMinor", 990, "currency", "EUR")).code())
                .isEqualTo(201);
        soldOutPlanId = "plan_rare_monthly_" + suffix;
        assertThat(api.post(admin, "/v1/admin/plans", Map.of("id", soldOutPlanId, "productId", "beans-club-" + suffix,
                "name", "Rare beans, every month", "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 3100)),
                "box", List.of(Map.of("sku", soldOut, "quantity", 1)))).code()).isEqualTo(201);
    }

    private static Map<String, Object> address() {
        return new HashMap<>(Map.of("recipient", "Ada Lovelace", "line1", "Keizersgracht 1", "city", "Amsterdam",
                "postalCode", "1015 AB", "countryCode", "NL"));
    }

    /** The order, or nothing while the box's workflow has not written it yet. */
    private Map<String, Object> orderOrNothing(String customer, String orderId) {
        try {
            return api.get(customer, "/v1/orders/" + orderId);
        } catch (HttpClientResponseException notYet) {
            assertThat(notYet.code()).isEqualTo(404);
            return Map.of();
        }
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
        WorkflowExecutionDescription box = platform.bean(WorkflowClient.class)
                .newUntypedWorkflowStub("order-" + boxId).describe();
        assertThat(box.getStaticSummary()).startsWith("Box · subscription " + subscriptionId + " · period 1");
        assertThat(api.failure(() -> api.get(api.newCustomer(), "/v1/orders/" + boxId)).code()).isEqualTo(404);
        List<Map<String, Object>> payments = api.list(customer, "/v1/subscriptions/" + subscriptionId + "/payments");
        // Other tests move the shared clock on; whatever periods followed, the first was paid once, by the invoice.
        assertThat(payments).filteredOn(payment -> Integer.valueOf(1).equals(payment.get("period")))
                .extracting(payment -> payment.get("amountMinor")).containsExactly(2400);
    }

    @Test
    void aBoxStillUnfilledWhenItsPeriodEndsIsRefundedAndTheSubscriberTold() {
        String customer = api.newCustomer();
        String subscriptionId = (String) api.post(customer, "/v1/subscriptions", Map.of("planId", soldOutPlanId,
                "paymentMethod", "pm_card_visa", "shippingAddress", address())).body().get("id");
        String boxId = subscriptionId + "-p1";
        Map<String, Object> waiting = ApiSession.eventually(() -> orderOrNothing(customer, boxId),
                view -> "BACKORDERED".equals(view.get("status")), Duration.ofSeconds(20));
        assertThat(waiting).containsEntry("subscriptionId", subscriptionId).containsEntry("period", 1);

        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P32D"));
        Map<String, Object> unfilled = ApiSession.eventually(() -> api.get(customer, "/v1/orders/" + boxId),
                view -> "CANCELED_BACKORDER".equals(view.get("status")), Duration.ofSeconds(30));
        assertThat(unfilled).containsEntry("refundedMinor", 3100).containsEntry("chargedMinor", 0);

        io.perennial.payment.Refund refund = platform.bean(io.perennial.payment.RefundRepository.class)
                .findByRefundKey("box-" + subscriptionId + "-p1").orElseThrow();
        assertThat(refund.period()).isEqualTo(1);
        assertThat(refund.amountMinor()).isEqualTo(3100);
        assertThat(platform.bean(io.perennial.notification.NotificationRepository.class)
                .findByNotificationKey("box-" + subscriptionId + "-p1:box_unfilled")).isPresent();
        // The subscription carries on: period 2 was paid and its box waits in turn.
        assertThat(ApiSession.eventually(() -> orderOrNothing(customer, subscriptionId + "-p2"),
                view -> "BACKORDERED".equals(view.get("status")), Duration.ofSeconds(20))).containsEntry("period", 2);
    }

    @Test
    void aNewShippingAddressGoesWithTheNextPeriodsBox() {
        String customer = api.newCustomer();
        String subscriptionId = (String) api.post(customer, "/v1/subscriptions", Map.of("planId", planId,
                "paymentMethod", "pm_card_visa", "shippingAddress", address())).body().get("id");
        ApiSession.eventually(() -> orderOrNothing(customer, subscriptionId + "-p1"), view -> !view.isEmpty(),
                Duration.ofSeconds(20));

        Map<String, Object> office = address();
        office.put("line1", "Stationsplein 10");
        office.put("city", "Utrecht");
        office.put("postalCode", "3511 ED");
        assertThat(api.put(customer, "/v1/subscriptions/" + subscriptionId + "/shipping-address", office).body())
                .containsEntry("city", "Utrecht");
        assertThat(api.get(customer, "/v1/subscriptions/" + subscriptionId).get("shippingAddress")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("city", "Utrecht");
        Map<String, Object> nowhere = address();
        nowhere.put("countryCode", "XX");
        HttpClientResponseException invalid = api.failure(() -> api.put(customer,
                "/v1/subscriptions/" + subscriptionId + "/shipping-address", nowhere));
        assertThat(invalid.code()).isEqualTo(400);
        assertThat(api.failure(() -> api.put(api.newCustomer(),
                "/v1/subscriptions/" + subscriptionId + "/shipping-address", office)).code()).isEqualTo(404);

        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P32D"));
        Map<String, Object> second = ApiSession.eventually(() -> orderOrNothing(customer, subscriptionId + "-p2"),
                view -> !view.isEmpty(), Duration.ofSeconds(20));
        assertThat(second.get("shippingAddress")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("city", "Utrecht");
        assertThat(api.get(customer, "/v1/orders/" + subscriptionId + "-p1").get("shippingAddress")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("city", "Amsterdam");
    }
}

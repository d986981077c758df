package io.perennial.acceptance;

import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event log and the audit trail through the public API on the embedded platform: a customer's trial ends on the
 * test clock and the log tells the story with business timestamps; an order tells its own; a catalogue change is in
 * the audit trail. The class moves the test clock, so it has its platform to itself.
 */
@PlatformTest(ownPlatform = true)
class EventLogApiTest {

    private ApiSession api;
    private String admin;
    private String ops;

    @BeforeAll
    void staff() {
        admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> events(String query) {
        return (List<Map<String, Object>>) api.get(admin, "/v1/events?" + query).get("items");
    }

    /** The types of a resource's events, oldest first (the log answers newest first). */
    private List<Object> typesOf(String resourceId) {
        List<Object> types = new java.util.ArrayList<>(events("resourceId=" + resourceId).stream()
                .map(event -> event.get("type")).toList());
        java.util.Collections.reverse(types);
        return types;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectOf(Map<String, Object> event) {
        return (Map<String, Object>) ((Map<String, Object>) event.get("data")).get("object");
    }

    @Test
    void aTrialThatEndsOnTheTestClockIsToldByTheEventLogInBusinessTime() {
        String customer = api.newCustomer();
        String customerId = (String) api.get(customer, "/v1/customers/me").get("customerId");
        String subscriptionId = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        Instant beforeTheTrialEnds = Instant.now();

        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P14DT1H"));
        Map<String, Object> invoice = ApiSession.eventually(
                () -> api.list(customer, "/v1/subscriptions/" + subscriptionId + "/invoices"),
                invoices -> invoices.size() == 1 && "PAID".equals(invoices.get(0).get("status")),
                Duration.ofSeconds(20)).get(0);
        String invoiceId = (String) invoice.get("id");
        String paymentId = (String) api.list(customer, "/v1/subscriptions/" + subscriptionId + "/payments").get(0)
                .get("id");

        assertThat(events("type=customer.created&resourceId=" + customerId)).singleElement()
                .satisfies(event -> assertThat(objectOf(event)).containsEntry("customerId", customerId));
        List<Map<String, Object>> subscriptionEvents = ApiSession.eventually(
                () -> events("resourceId=" + subscriptionId),
                found -> found.size() >= 2, Duration.ofSeconds(10));
        assertThat(typesOf(subscriptionId)).startsWith("customer.subscription.created")
                .contains("customer.subscription.updated");
        assertThat(subscriptionEvents.get(0)).satisfies(latest ->
                assertThat(objectOf(latest)).containsEntry("id", subscriptionId).containsEntry("status", "ACTIVE"));
        assertThat(typesOf(invoiceId)).containsExactly("invoice.created", "invoice.finalized", "invoice.paid");
        assertThat(typesOf(paymentId)).containsExactly("payment.succeeded");

        // Business time: the invoice was issued and paid when the trial ended, 14 days ahead of the wall clock.
        Map<String, Object> paid = events("type=invoice.paid&resourceId=" + invoiceId).get(0);
        Instant paidAt = Instant.parse((String) paid.get("created"));
        assertThat(paidAt).isAfter(beforeTheTrialEnds.plus(Duration.ofDays(13)));
        assertThat(objectOf(paid)).containsEntry("id", invoiceId).containsEntry("status", "PAID");
        assertThat(api.get(admin, "/v1/events/" + paid.get("id"))).isEqualTo(paid);

        // A window on business time and a page of one.
        assertThat(events("resourceId=" + invoiceId + "&createdSince=" + paidAt)).extracting(e -> e.get("type"))
                .contains("invoice.paid");
        assertThat(events("resourceId=" + invoiceId + "&createdUntil=" + beforeTheTrialEnds)).isEmpty();
        Map<String, Object> first = api.get(admin, "/v1/events?limit=1&resourceId=" + invoiceId);
        Map<String, Object> second = api.get(admin, "/v1/events?limit=1&resourceId=" + invoiceId + "&after="
                + first.get("next"));
        assertThat(((List<?>) second.get("items"))).hasSize(1).isNotEqualTo(first.get("items"));
    }

    @Test
    void anOrderIsCreatedPaidAndShippedInTheEventLog() {
        String customer = api.newCustomer();
        String orderId = (String) api.post(customer, "/v1/orders", Map.of(
                "lines", List.of(Map.of("sku", DemoStock.SKU, "quantity", 1)),
                "shippingAddress", Map.of("recipient", "Ada", "line1", "Keizersgracht 1", "city", "Amsterdam",
                        "postalCode", "1015 CJ", "countryCode", "NL"),
                "paymentMethod", "pm_card_visa")).body().get("id");

        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "PT1H"));
        ApiSession.eventually(() -> typesOf(orderId), types -> types.contains("order.delivered"),
                Duration.ofSeconds(30));

        assertThat(typesOf(orderId)).containsExactly("order.created", "order.paid", "order.shipped",
                "order.delivered");
        assertThat(objectOf(events("type=order.shipped&resourceId=" + orderId).get(0)))
                .containsEntry("id", orderId).containsKey("trackingNumber");
    }

    @Test
    void aCatalogueChangeIsInTheAuditTrailWithWhoMadeIt() {
        String productId = "prod_audit_" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post(admin, "/v1/admin/products", Map.of("id", productId, "name", "Audited tea",
                "kind", "DIGITAL")).code()).isEqualTo(201);
        assertThat(api.get(admin, "/v1/admin/audit-log?action=product.created&resource=product:" + productId
                + "&limit=1").get("next")).as("one entry, so no next page").isNull();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) api.get(admin,
                "/v1/admin/audit-log?resource=product:" + productId).get("items");
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("action", "product.created").containsEntry("outcome",
                    "DIGITAL Audited tea");
            assertThat((String) entry.get("actor")).matches("[0-9a-f-]{36}");
        });
    }

    @Test
    void badFiltersAreProblemsNotErrors() {
        HttpClientResponseException unknownType = api.failure(() -> api.get(admin, "/v1/events?type=invoice.eaten"));
        assertThat(unknownType.code()).isEqualTo(400);
        HttpClientResponseException backwards = api.failure(() -> api.get(admin,
                "/v1/events?createdSince=2027-02-01T00:00:00Z&createdUntil=2027-01-01T00:00:00Z"));
        assertThat(backwards.code()).isEqualTo(400);
        HttpClientResponseException unknownEvent = api.failure(() -> api.get(admin,
                "/v1/events/evt_00000000000000000000000000000000"));
        assertThat(unknownEvent.code()).isEqualTo(404);
        assertThat(ApiSession.problem(unknownEvent).get("type")).asString().endsWith("/not-found");
        HttpClientResponseException byOps = api.failure(() -> api.get(ops, "/v1/events"));
        assertThat(byOps.code()).isEqualTo(403);
        HttpClientResponseException badWindow = api.failure(() -> api.get(admin,
                "/v1/admin/audit-log?since=yesterday"));
        assertThat(badWindow.code()).isEqualTo(400);
    }
}

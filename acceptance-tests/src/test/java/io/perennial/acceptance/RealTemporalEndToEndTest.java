package io.perennial.acceptance;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.idempotency.IdempotencyKeys;
import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform against the real Temporal server ({@code temporal server start-dev}, see {@link TemporalDevServer}),
 * driven through the HTTP API.
 */
@NeedsTemporalCli
// A real server cannot skip time: plans in seconds, and a dunning schedule in seconds, stand in for days.
@PlatformTest(ownPlatform = true, temporal = PlatformTest.Temporal.DEV_SERVER, properties = {
        "perennial.catalog.allow-sub-day-intervals=true",
        "perennial.billing.dunning-retry-offsets=PT4S,PT60S,PT120S",
        "perennial.billing.gateway-retry-window=PT3S",
        "perennial.billing.gateway-hold=PT90S"})
class RealTemporalEndToEndTest {

    private TemporalDevServer temporal;
    private TestPlatform platform;
    private ApiSession api;

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

        Map<String, Object> live = ApiSession.eventually(() -> api.get(token, path + "?consistency=strong"),
                view -> "workflow".equals(view.get("source")), Duration.ofSeconds(20));
        assertThat(live).containsEntry("status", "TRIALING");

        List<WorkflowExecutionInfo> listed = ApiSession.eventually(
                () -> listWorkflows("CustomerId = '" + customerId + "'"), found -> !found.isEmpty(),
                Duration.ofSeconds(20));
        assertThat(listed).extracting(info -> info.getExecution().getWorkflowId()).containsExactly("subscription-" + id);
        // What the Temporal UI shows: a static summary and the workflow's current details line.
        io.temporal.client.WorkflowStub workflow = platform.bean(io.temporal.client.WorkflowClient.class)
                .newUntypedWorkflowStub("subscription-" + id);
        assertThat(workflow.describe().getStaticSummary()).isEqualTo("Digital monthly · customer " + customerId);
        assertThat(workflow.describe().getStaticDetails()).contains("plan_digital_monthly v1", "1299 EUR");
        assertThat(workflow.query("__temporal_workflow_metadata", io.temporal.api.sdk.v1.WorkflowMetadata.class)
                .getCurrentDetails()).startsWith("TRIALING · plan_digital_monthly v1 · next billing ");
        ApiSession.eventually(() -> listWorkflows("CustomerId = '" + customerId + "' AND SubscriptionStatus = 'TRIALING'"),
                found -> found.size() == 1, Duration.ofSeconds(20));

        assertThat(api.post(token, path + "/cancel", Map.of("timing", "IMMEDIATELY")).code()).isEqualTo(200);
        Map<String, Object> end = ApiSession.eventually(() -> api.get(token, path),
                view -> "CANCELED".equals(view.get("status")), Duration.ofSeconds(20));
        assertThat(end).containsEntry("cancelReason", "customer_request");
        ApiSession.eventually(() -> listWorkflows("CustomerId = '" + customerId + "' AND ExecutionStatus = 'Completed'"
                + " AND SubscriptionStatus = 'CANCELED'"), found -> found.size() == 1, Duration.ofSeconds(20));
    }

    /**
     * Trial → first charge → renewal declined → past due → a scheduled retry declined too → the customer's new card
     * recovers it at once. On a plan of seconds: a 4-second trial, then a period every 20 seconds.
     */
    @Test
    void aTrialRenewsThenDunningIsRecoveredByANewCardOnTheRealServer() {
        String admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        assertThat(api.post(admin, "/v1/admin/plans", Map.of("id", "plan_e2e_seconds", "productId", "prod_digital",
                "name", "Every 20 seconds", "interval", Map.of("unit", "SECOND", "count", 20),
                "trial", Map.of("unit", "SECOND", "count", 4),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 250)))).code()).isEqualTo(201);

        String token = api.newCustomer();
        String id = (String) api.post(token, "/v1/subscriptions", Map.of("planId", "plan_e2e_seconds",
                "paymentMethod", "pm_card_visa")).body().get("id");
        String path = "/v1/subscriptions/" + id;
        assertThat(api.get(token, path)).containsEntry("status", "TRIALING");

        // The trial ends and the first period is charged.
        Map<String, Object> active = ApiSession.eventually(() -> api.get(token, path),
                view -> "ACTIVE".equals(view.get("status")) && view.get("currentPeriod") != null,
                Duration.ofSeconds(30));
        assertThat(active).containsEntry("failedPaymentCount", 0);

        // The card stops working before the renewal: it is declined and the subscription goes past due.
        assertThat(api.put(token, path + "/payment-method", Map.of("paymentMethod", "pm_card_declined")).code())
                .isEqualTo(202);
        Map<String, Object> pastDue = ApiSession.eventually(() -> api.get(token, path),
                view -> "PAST_DUE".equals(view.get("status")), Duration.ofSeconds(40));
        assertThat(pastDue).containsEntry("failedPaymentCount", 1);
        assertThat(pastDue.get("nextRetryAt")).isNotNull();

        // The first scheduled retry, four seconds later, is declined as well.
        ApiSession.eventually(() -> api.get(token, path),
                view -> Integer.valueOf(2).equals(view.get("failedPaymentCount")), Duration.ofSeconds(30));

        // A new card retries at once and recovers the period.
        assertThat(api.put(token, path + "/payment-method", Map.of("paymentMethod", "pm_card_visa")).code())
                .isEqualTo(202);
        Map<String, Object> recovered = ApiSession.eventually(() -> api.get(token, path),
                view -> "ACTIVE".equals(view.get("status")), Duration.ofSeconds(30));
        assertThat(recovered).containsEntry("failedPaymentCount", 0);
        List<Map<String, Object>> payments = api.list(token, path + "/payments");
        assertThat(payments.subList(0, 4)).extracting(payment -> payment.get("status"), payment -> payment.get("period"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SUCCEEDED", 1),
                        org.assertj.core.groups.Tuple.tuple("DECLINED", 2),
                        org.assertj.core.groups.Tuple.tuple("DECLINED", 2),
                        org.assertj.core.groups.Tuple.tuple("SUCCEEDED", 2));
        // Money moved once per paid period: one successful charge at the gateway for each of periods 1 and 2.
        io.perennial.payment.SimulatedGatewayLedger ledger =
                platform.bean(io.perennial.payment.SimulatedGatewayLedger.class);
        assertThat(ledger.countCharges(id + ":1:")).isEqualTo(1);
        assertThat(ledger.countCharges(id + ":2:")).isEqualTo(1);
        List<Map<String, Object>> invoices = api.list(token, path + "/invoices");
        assertThat(invoices.subList(0, 2)).extracting(invoice -> invoice.get("status"), invoice -> invoice.get("totalMinor"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PAID", 250),
                        org.assertj.core.groups.Tuple.tuple("PAID", 250));
    }

    /**
     * Billing day during a provider outage, on the real server: the renewals are held, ops find them through the
     * visibility store and the failed list, end the outage and retry them all as one batch; each is charged once.
     */
    @Test
    void afterAProviderOutageOneBulkRetryChargesEveryHeldRenewalExactlyOnce() {
        String admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        assertThat(api.post(admin, "/v1/admin/plans", Map.of("id", "plan_e2e_outage", "productId", "prod_digital",
                "name", "Outage drill", "interval", Map.of("unit", "MINUTE", "count", 10),
                "trial", Map.of("unit", "SECOND", "count", 3),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 990)))).code()).isEqualTo(201);
        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "ERRORS", "note", "drill"));
        try {
            heldRenewalsRecoverInOneBulkRetry(ops);
        } finally {
            // The other tests of this class share the simulated provider.
            api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "NONE"));
        }
    }

    private void heldRenewalsRecoverInOneBulkRetry(String ops) {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add((String) api.post(api.newCustomer(), "/v1/subscriptions", Map.of("planId", "plan_e2e_outage",
                    "paymentMethod", "pm_card_visa")).body().get("id"));
        }

        // The trials end in the outage: after the 3-second gateway window each renewal is held.
        ApiSession.eventually(() -> listWorkflows("PlanId = 'plan_e2e_outage' AND SubscriptionStatus = 'PAST_DUE'"),
                found -> found.size() == 3, Duration.ofSeconds(40));
        Map<String, Object> failedPage = api.get(ops,
                "/v1/ops/renewals/failed?reason=gateway_unavailable&planId=plan_e2e_outage");
        assertThat(failedPage).containsEntry("source", "visibility");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> failed = (List<Map<String, Object>>) failedPage.get("items");
        assertThat(failed).extracting(row -> row.get("subscriptionId")).containsExactlyInAnyOrderElementsOf(ids);
        // Reason and window are filtered by the visibility query (PaymentIssue, PaymentIssueSince), paged by its token.
        String planFilter = "/v1/ops/renewals/failed?planId=plan_e2e_outage";
        assertThat((List<?>) api.get(ops, planFilter + "&reason=declined").get("items")).isEmpty();
        assertThat((List<?>) api.get(ops, planFilter + "&failedUntil=2000-01-01T00:00:00Z").get("items")).isEmpty();
        Map<String, Object> firstTwo = api.get(ops, planFilter + "&failedSince=2000-01-01T00:00:00Z&limit=2");
        assertThat((List<?>) firstTwo.get("items")).hasSize(2);
        assertThat(firstTwo.get("next")).isNotNull();
        Map<String, Object> last = api.get(ops, planFilter + "&failedSince=2000-01-01T00:00:00Z&limit=2&after="
                + firstTwo.get("next"));
        assertThat((List<?>) last.get("items")).hasSize(1);
        io.perennial.payment.SimulatedGatewayLedger ledger =
                platform.bean(io.perennial.payment.SimulatedGatewayLedger.class);
        assertThat(ids).allSatisfy(id -> assertThat(ledger.countCharges(id + ":")).isZero());

        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "NONE"));
        Map<String, Object> batch = api.post(ops, "/v1/ops/renewals/retry",
                Map.of("reason", "gateway_unavailable", "planId", "plan_e2e_outage")).body();
        assertThat(ApiSession.eventually(() -> api.get(ops, "/v1/ops/renewals/retry/" + batch.get("batchId")),
                progress -> Boolean.TRUE.equals(progress.get("done")), Duration.ofSeconds(30)))
                .containsEntry("selected", 3).containsEntry("retried", 3);
        ApiSession.eventually(() -> listWorkflows("PlanId = 'plan_e2e_outage' AND SubscriptionStatus = 'ACTIVE'"),
                found -> found.size() == 3, Duration.ofSeconds(40));
        assertThat(ids).allSatisfy(id -> assertThat(ledger.countCharges(id + ":")).isEqualTo(1));
    }

    /**
     * An order placed through the API on the real server: reserved, charged, booked with the simulated carrier,
     * whose tracking events come back as signed HTTP posts to the webhook and carry the order to DELIVERED.
     */
    @Test
    void anOrderIsDeliveredByTheSimulatedCarriersWebhooksOnTheRealServer() {
        String token = api.newCustomer();
        HttpResponse<Map<String, Object>> placed = api.post(token, "/v1/orders", Map.of(
                "lines", List.of(Map.of("sku", DemoStock.SKU, "quantity", 3)),
                "shippingAddress", Map.of("recipient", "Ada Lovelace", "line1", "Keizersgracht 1",
                        "city", "Amsterdam", "postalCode", "1015 CJ", "countryCode", "NL"),
                "paymentMethod", "pm_card_visa"));
        assertThat(placed.code()).isEqualTo(201);
        String id = (String) placed.body().get("id");
        assertThat(placed.body()).containsEntry("amountMinor", 3 * (int) DemoStock.UNIT_PRICE_MINOR);

        Map<String, Object> delivered = ApiSession.eventually(() -> api.get(token, "/v1/orders/" + id),
                view -> "DELIVERED".equals(view.get("status")), Duration.ofSeconds(60));
        assertThat(delivered).containsEntry("chargedMinor", 3 * (int) DemoStock.UNIT_PRICE_MINOR);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) delivered.get("history");
        assertThat(history).extracting(change -> change.get("status")).containsSubsequence("SHIPMENT_BOOKED",
                "PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");
        // The events came through the webhook, each signalled once.
        io.perennial.order.OrderState state = platform.bean(io.temporal.client.WorkflowClient.class)
                .newWorkflowStub(io.perennial.order.OrderFulfillmentWorkflow.class, "order-" + id).state();
        io.perennial.api.webhook.CarrierWebhookInbox inbox =
                platform.bean(io.perennial.api.webhook.CarrierWebhookInbox.class);
        assertThat(state.carrierEvents()).hasSize(4)
                .allSatisfy(event -> assertThat(inbox.deliveries(event.eventId())).isEqualTo(1));
        ApiSession.eventually(() -> listWorkflows("WorkflowId = 'order-" + id + "' AND OrderStatus = 'DELIVERED'"
                + " AND ExecutionStatus = 'Completed'"), found -> found.size() == 1, Duration.ofSeconds(20));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSubscriptionBoxIsShippedAsItsOwnOrderAndDeliveredOnTheRealServer() {
        String admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        String product = "beans-club-" + suffix;
        String plan = "plan_beans_real_" + suffix;
        assertThat(api.post(admin, "/v1/admin/products", Map.of("id", product, "name", "Beans club",
                "kind", "PHYSICAL")).code()).isEqualTo(201);
        assertThat(api.post(admin, "/v1/admin/plans", Map.of("id", plan, "productId", product,
                "name", "Beans, every month", "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 2400)),
                "box", List.of(Map.of("sku", DemoStock.SKU, "quantity", 1)))).code()).isEqualTo(201);
        String token = api.newCustomer();
        String subscriptionId = (String) api.post(token, "/v1/subscriptions", Map.of("planId", plan,
                "paymentMethod", "pm_card_visa", "shippingAddress", Map.of("recipient", "Ada Lovelace",
                        "line1", "Keizersgracht 1", "city", "Amsterdam", "postalCode", "1015 CJ",
                        "countryCode", "NL"))).body().get("id");
        String boxId = subscriptionId + "-p1";

        // The first period is charged at once (no trial); its box is the order order-{subscriptionId}-p1, which the
        // subscriber follows to delivery through the carrier's webhooks.
        Map<String, Object> delivered = ApiSession.eventually(() -> {
            List<Map<String, Object>> mine = (List<Map<String, Object>>) api.get(token, "/v1/orders").get("items");
            return mine.stream().filter(order -> boxId.equals(order.get("id"))).findFirst().orElse(Map.of());
        }, order -> "DELIVERED".equals(order.get("status")), Duration.ofSeconds(90));
        assertThat(delivered).containsEntry("subscriptionId", subscriptionId).containsEntry("period", 1)
                .containsEntry("chargedMinor", 0);
        // In Temporal: the box order by its search attributes and summary, exactly one for the period.
        ApiSession.eventually(() -> listWorkflows("WorkflowId = 'order-" + boxId + "' AND OrderStatus = 'DELIVERED'"),
                found -> found.size() == 1, Duration.ofSeconds(20));
        assertThat(platform.bean(io.temporal.client.WorkflowClient.class)
                .newUntypedWorkflowStub("order-" + boxId).describe().getStaticSummary())
                .startsWith("Box · subscription " + subscriptionId);
    }

    /**
     * Create-and-charge on the real server: update-with-start answers with the first charge, and a create run again
     * after its stored answer is gone attaches to the running workflow or finds the ended one.
     */
    @Test
    void createAndChargeAnswersTheFirstChargeAndARetryAttachesToTheSameWorkflowOnTheRealServer() {
        String token = api.newCustomer();
        String key = UUID.randomUUID().toString();
        String declinedKey = UUID.randomUUID().toString();
        HttpResponse<Map<String, Object>> paid = chargeNow(token, key, "pm_card_visa");
        assertThat(paid.code()).isEqualTo(201);
        assertThat(paid.body()).containsEntry("status", "ACTIVE");
        HttpClientResponseException declined = api.failure(() -> chargeNow(token, declinedKey,
                "pm_card_chargeDeclined"));
        assertThat(declined.code()).isEqualTo(402);

        platform.bean(IdempotencyKeys.class).purge(Instant.now().plusSeconds(60));
        HttpResponse<Map<String, Object>> again = chargeNow(token, key, "pm_card_visa");
        assertThat(again.code()).isEqualTo(201);
        assertThat(again.body()).containsEntry("id", paid.body().get("id")).containsEntry("status", "ACTIVE");
        assertThat(api.failure(() -> chargeNow(token, declinedKey, "pm_card_chargeDeclined")).code()).isEqualTo(402);
        assertThat(api.list(token, "/v1/subscriptions/" + paid.body().get("id") + "/payments")).hasSize(1);
    }

    private HttpResponse<Map<String, Object>> chargeNow(String token, String key, String paymentMethod) {
        return platform.client.toBlocking().exchange(io.micronaut.http.HttpRequest.POST("/v1/subscriptions",
                Map.of("planId", "plan_digital_yearly", "paymentMethod", paymentMethod,
                        "paymentBehavior", "CHARGE_NOW")).bearerAuth(token).header("Idempotency-Key", key),
                ApiSession.JSON);
    }

    @Test
    void theTestClockDoesNotExistAgainstARealTemporal() {
        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        HttpClientResponseException missing = api.failure(() -> api.get(ops, "/v1/dev/clock"));
        assertThat(missing.code()).isEqualTo(404);
    }
}

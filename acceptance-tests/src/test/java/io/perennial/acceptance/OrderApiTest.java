package io.perennial.acceptance;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.api.webhook.CarrierWebhookInbox;
import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
import io.perennial.order.OrderFulfillmentWorkflow;
import io.perennial.order.OrderState;
import io.perennial.shipping.CarrierWebhookConfiguration;
import io.perennial.shipping.CarrierWebhookSignature;
import io.perennial.shipping.ReceivedCarrierEvent;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-off orders through the public API on the embedded platform: priced from the SKUs on our side, placed once
 * per Idempotency-Key, canceled and re-addressed before booking only, owner-scoped, and followed to delivery by the
 * simulated carrier's signed webhooks, which are verified and deduplicated.
 */
@PlatformTest(ownPlatform = true)
class OrderApiTest {

    private static final String PROBLEMS = "https://perennial.dev/problems/";

    private TestPlatform platform;
    private ApiSession api;
    private String admin;
    private String ops;
    private String customer;
    private String emptySku;

    @BeforeAll
    void start() {
        admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        customer = api.newCustomer();
        // A priced SKU with nothing on the shelf: its orders wait as BACKORDERED, before anything is booked.
        emptySku = "EMPTY-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        assertThat(api.post(admin, "/v1/admin/skus", Map.of("sku", emptySku, "productId", DemoStock.PRODUCT,
                "name", "Sold out", "initialOnHand", 0, "reorderPoint", 0, "reorderQuantity", 10,
                "preferredSupplierId", DemoStock.SUPPLIER, "unitPriceMinor", 990, "currency", "EUR")).code())
                .isEqualTo(201);
    }

    private static Map<String, Object> address(String postalCode) {
        Map<String, Object> address = new HashMap<>(Map.of("recipient", "Ada Lovelace", "line1", "Keizersgracht 1",
                "city", "Amsterdam", "postalCode", postalCode, "countryCode", "NL"));
        return address;
    }

    private static Map<String, Object> order(String sku, int quantity, String postalCode) {
        return Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity)),
                "shippingAddress", address(postalCode), "paymentMethod", "pm_card_visa");
    }

    private Map<String, Object> awaitStatus(String token, String id, String status, Duration within) {
        return ApiSession.eventually(() -> api.get(token, "/v1/orders/" + id),
                view -> status.equals(view.get("status")), within);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(view -> view.get("id")).toList();
    }

    private OrderState workflowState(String orderId) {
        return platform.bean(WorkflowClient.class)
                .newWorkflowStub(OrderFulfillmentWorkflow.class, "order-" + orderId).state();
    }

    @Test
    void anOrderIsPricedFromItsSkusAndDeliveredThroughTheCarriersSignedWebhooks() {
        HttpResponse<Map<String, Object>> placed = api.post(customer, "/v1/orders",
                order(DemoStock.SKU, 2, "1015 AB"));
        assertThat(placed.code()).isEqualTo(201);
        String id = (String) placed.body().get("id");
        assertThat(placed.header("Location")).isEqualTo("/v1/orders/" + id);
        assertThat(placed.body()).containsEntry("amountMinor", 2 * (int) DemoStock.UNIT_PRICE_MINOR)
                .containsEntry("currency", "EUR").containsEntry("status", "RECEIVED");

        Map<String, Object> delivered = awaitStatus(customer, id, "DELIVERED", Duration.ofSeconds(40));
        assertThat(delivered).containsEntry("chargedMinor", 2500).containsEntry("refundedMinor", 0);
        assertThat(delivered.get("trackingNumber")).asString().startsWith("SP");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) delivered.get("history");
        assertThat(history).extracting(change -> change.get("status")).containsExactly("RECEIVED", "STOCK_RESERVED",
                "PAID", "SHIPMENT_BOOKED", "PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");

        // Each event came over HTTP to the webhook, exactly once, and the order applied each exactly once.
        OrderState state = workflowState(id);
        assertThat(state.carrierEvents()).extracting(ReceivedCarrierEvent::effect)
                .containsOnly(ReceivedCarrierEvent.Effect.APPLIED).hasSize(4);
        CarrierWebhookInbox inbox = platform.bean(CarrierWebhookInbox.class);
        assertThat(state.carrierEvents()).allSatisfy(event -> assertThat(inbox.deliveries(event.eventId()))
                .isEqualTo(1));
        assertThat(state.duplicateCarrierEvents()).isZero();
        assertThat(ids(api.get(customer, "/v1/orders"))).contains(id);
    }

    private HttpResponse<Map<String, Object>> opsRefund(String token, String orderId, String key, long amountMinor) {
        var request = HttpRequest.POST("/v1/ops/orders/" + orderId + "/refunds",
                Map.of("amountMinor", amountMinor, "reason", "returned")).bearerAuth(token);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return platform.client.toBlocking().exchange(request, ApiSession.JSON);
    }

    @Test
    void opsRefundPartOfAPaidOrderOncePerKeyAndNeverMoreThanItWasCharged() {
        String buyer = api.newCustomer();
        String id = (String) api.post(buyer, "/v1/orders", order(DemoStock.SKU, 2, "1015 AB")).body().get("id");
        Map<String, Object> paid = ApiSession.eventually(() -> api.get(buyer, "/v1/orders/" + id),
                view -> ((Number) view.get("chargedMinor")).longValue() > 0, Duration.ofSeconds(40));
        long charged = ((Number) paid.get("chargedMinor")).longValue();

        HttpResponse<Map<String, Object>> part = opsRefund(ops, id, "return-1", 500);
        assertThat(part.code()).isEqualTo(201);
        assertThat(part.body()).containsEntry("orderId", id).containsEntry("amountMinor", 500)
                .containsEntry("currency", "EUR").containsEntry("askedMinor", 500);
        HttpResponse<Map<String, Object>> again = opsRefund(ops, id, "return-1", 500);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(part.body());
        // Far more under another key: only what the charge has left.
        assertThat(opsRefund(ops, id, "return-2", 100_000_000).body())
                .containsEntry("amountMinor", (int) (charged - 500));
        HttpClientResponseException nothingLeft = api.failure(() -> opsRefund(ops, id, "return-3", 1));
        assertThat(nothingLeft.code()).isEqualTo(409);
        assertThat(ApiSession.problem(nothingLeft)).containsEntry("type", PROBLEMS + "nothing-to-refund");
        assertThat(api.get(buyer, "/v1/orders/" + id)).containsEntry("refundedMinor", (int) charged);

        HttpClientResponseException noKey = api.failure(() -> opsRefund(ops, id, null, 100));
        assertThat(noKey.code()).isEqualTo(400);
        assertThat(api.failure(() -> opsRefund(buyer, id, "mine", 100)).code()).isEqualTo(403);
        assertThat(api.failure(() -> opsRefund(ops, "no-such-order", "k", 100)).code()).isEqualTo(404);
        assertThat(api.failure(() -> opsRefund(ops, id, "k-zero", 0)).code()).isEqualTo(400);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheSameOrderAndAnotherBodyWithItIs422() {
        String buyer = api.newCustomer();
        String key = "order-" + UUID.randomUUID();
        Map<String, Object> body = order(emptySku, 1, "1015 AB");
        HttpResponse<Map<String, Object>> first = withKey(buyer, key, body);
        HttpResponse<Map<String, Object>> again = withKey(buyer, key, body);
        assertThat(first.code()).isEqualTo(201);
        assertThat(again.code()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));

        HttpClientResponseException reused = api.failure(() -> withKey(buyer, key, order(emptySku, 2, "1015 AB")));
        assertThat(reused.code()).isEqualTo(422);
        assertThat(ApiSession.problem(reused)).containsEntry("type", PROBLEMS + "idempotency-key-reused");
        // The workflow writes the row with its first step, a moment after the 201.
        assertThat(ApiSession.eventually(() -> (List<?>) api.get(buyer, "/v1/orders").get("items"),
                items -> !items.isEmpty(), Duration.ofSeconds(10))).hasSize(1);
    }

    @Test
    void aRetryAfterItsIdempotencyKeyExpiredFindsTheFinishedOrderAndNeverRunsItAgain() {
        String buyer = api.newCustomer();
        String key = "order-" + UUID.randomUUID();
        Map<String, Object> body = order(emptySku, 1, "1015 AB");
        String id = (String) withKey(buyer, key, body).body().get("id");
        awaitStatus(buyer, id, "BACKORDERED", Duration.ofSeconds(20));
        api.post(buyer, "/v1/orders/" + id + "/cancel", Map.of());
        awaitStatus(buyer, id, "CANCELED", Duration.ofSeconds(20));
        // 48 hours later the key is gone; the id it derives is the same, and that order has run.
        platform.bean(io.perennial.idempotency.IdempotencyKeys.class).purge(Instant.now().plusSeconds(60));

        HttpResponse<Map<String, Object>> late = withKey(buyer, key, body);
        assertThat(late.code()).isEqualTo(201);
        assertThat(late.header("Idempotent-Replayed")).isNull();
        assertThat(late.body()).containsEntry("id", id).containsEntry("status", "CANCELED");
        assertThat(workflowState(id).status()).isEqualTo(io.perennial.order.OrderStatus.CANCELED);
        assertThat((List<?>) api.get(buyer, "/v1/orders").get("items")).hasSize(1);
    }

    private HttpResponse<Map<String, Object>> withKey(String token, String key, Object body) {
        return platform.client.toBlocking().exchange(HttpRequest.POST("/v1/orders", body).bearerAuth(token)
                .header("Idempotency-Key", key), ApiSession.JSON);
    }

    @Test
    void anOrderCanceledBeforeItsShipmentIsBookedEndsCanceledWithNothingCharged() {
        String id = (String) api.post(customer, "/v1/orders", order(emptySku, 1, "1015 AB")).body().get("id");
        awaitStatus(customer, id, "BACKORDERED", Duration.ofSeconds(20));

        assertThat(api.post(customer, "/v1/orders/" + id + "/cancel", Map.of("reason", "changed my mind")).code())
                .isEqualTo(202);
        Map<String, Object> canceled = awaitStatus(customer, id, "CANCELED", Duration.ofSeconds(20));
        assertThat(canceled).containsEntry("chargedMinor", 0);
        assertThat(canceled.get("cancellation")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("honoured", true)
                .containsEntry("reason", "changed my mind");

        HttpClientResponseException again = api.failure(() -> api.post(customer, "/v1/orders/" + id + "/cancel",
                Map.of()));
        assertThat(again.code()).isEqualTo(409);
        assertThat(ApiSession.problem(again)).containsEntry("type", PROBLEMS + "change-not-allowed");
    }

    @Test
    void theAddressChangesBeforeBookingAndIsRefusedWithTheReasonAfter() {
        String waiting = (String) api.post(customer, "/v1/orders", order(emptySku, 1, "1015 AB")).body().get("id");
        awaitStatus(customer, waiting, "BACKORDERED", Duration.ofSeconds(20));
        Map<String, Object> moved = new HashMap<>(address("3511 AA"));
        moved.put("city", "Utrecht");
        HttpResponse<Map<String, Object>> changed = api.put(customer, "/v1/orders/" + waiting + "/address", moved);
        assertThat(changed.code()).isEqualTo(200);
        assertThat(changed.body().get("shippingAddress")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("city", "Utrecht");
        ApiSession.eventually(() -> api.get(customer, "/v1/orders/" + waiting),
                view -> "Utrecht".equals(((Map<?, ?>) view.get("shippingAddress")).get("city")),
                Duration.ofSeconds(10));

        // Never picked up (the simulated carrier's missed-pickup postal code): it stays booked.
        String booked = (String) api.post(customer, "/v1/orders", order(DemoStock.SKU, 1, "0000 NP")).body()
                .get("id");
        awaitStatus(customer, booked, "SHIPMENT_BOOKED", Duration.ofSeconds(20));
        HttpClientResponseException refused = api.failure(() -> api.put(customer, "/v1/orders/" + booked
                + "/address", moved));
        assertThat(refused.code()).isEqualTo(409);
        assertThat(ApiSession.problem(refused)).containsEntry("type", PROBLEMS + "change-not-allowed");
        assertThat(ApiSession.problem(refused).get("detail")).asString().contains("booked");
        HttpClientResponseException late = api.failure(() -> api.post(customer, "/v1/orders/" + booked + "/cancel",
                Map.of()));
        assertThat(late.code()).isEqualTo(409);
        assertThat(api.get(customer, "/v1/orders/" + booked)).containsEntry("status", "SHIPMENT_BOOKED");

        HttpClientResponseException badCountry = api.failure(() -> api.put(customer, "/v1/orders/" + waiting
                + "/address", Map.of("recipient", "A", "line1", "x", "city", "y", "postalCode", "1", "countryCode",
                "XX")));
        assertThat(badCountry.code()).isEqualTo(400);
    }

    @Test
    void aWebhookWithoutAValidSignatureIs401AndMovesNothingAndADuplicateEventIsSignalledOnce() {
        String id = (String) api.post(customer, "/v1/orders", order(DemoStock.SKU, 1, "0000 NP")).body().get("id");
        String tracking = (String) awaitStatus(customer, id, "SHIPMENT_BOOKED", Duration.ofSeconds(20))
                .get("trackingNumber");
        String eventId = "evt_test_" + UUID.randomUUID();
        byte[] body = ("{\"eventId\":\"" + eventId + "\",\"trackingNumber\":\"" + tracking
                + "\",\"type\":\"PICKED_UP\","
                + "\"occurredAt\":\"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8);
        CarrierWebhookSignature ours = new CarrierWebhookSignature(
                platform.bean(CarrierWebhookConfiguration.class).secret());
        CarrierWebhookSignature forged = new CarrierWebhookSignature("a-secret-that-is-not-the-carriers-0123456789");

        List<Integer> refusals = new ArrayList<>();
        refusals.add(webhook(body, null).status());
        refusals.add(webhook(body, forged.sign(body, Instant.now())).status());
        refusals.add(webhook(body, ours.sign(body, Instant.now().minus(Duration.ofMinutes(10)))).status());
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("PICKED_UP", "DELIVERED")
                .getBytes(StandardCharsets.UTF_8);
        refusals.add(webhook(tampered, ours.sign(body, Instant.now())).status());
        assertThat(refusals).containsOnly(401);
        Answer refused = webhook(body, forged.sign(body, Instant.now()));
        assertThat(refused.body()).contains(PROBLEMS + "invalid-signature");
        assertThat(workflowState(id).carrierEvents()).isEmpty();
        assertThat(api.get(customer, "/v1/orders/" + id)).containsEntry("status", "SHIPMENT_BOOKED");
        assertThat(platform.bean(CarrierWebhookInbox.class).deliveries(eventId)).isZero();

        Answer accepted = webhook(body, ours.sign(body, Instant.now()));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body()).contains("SIGNALLED");
        awaitStatus(customer, id, "PICKED_UP", Duration.ofSeconds(10));

        Answer duplicate = webhook(body, ours.sign(body, Instant.now()));
        assertThat(duplicate.status()).isEqualTo(200);
        assertThat(duplicate.body()).contains("DUPLICATE");
        // The order never saw it twice: the API did not signal the duplicate at all.
        assertThat(workflowState(id).duplicateCarrierEvents()).isZero();
        assertThat(workflowState(id).carrierEvents()).hasSize(1);
        assertThat(platform.bean(CarrierWebhookInbox.class).deliveries(eventId)).isEqualTo(2);

        byte[] unknown = ("{\"eventId\":\"evt_" + UUID.randomUUID() + "\",\"trackingNumber\":\"SPNOSUCHPARCEL\","
                + "\"type\":\"DELIVERED\",\"occurredAt\":\"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(webhook(unknown, ours.sign(unknown, Instant.now())).status()).isEqualTo(404);
    }

    @Test
    void tenConcurrentDeliveriesOfOneCarrierEventSignalItOnceAndAnswerTheOthersDuplicate() throws Exception {
        String id = (String) api.post(customer, "/v1/orders", order(DemoStock.SKU, 1, "0000 NP")).body().get("id");
        String tracking = (String) awaitStatus(customer, id, "SHIPMENT_BOOKED", Duration.ofSeconds(20))
                .get("trackingNumber");
        String eventId = "evt_concurrent_" + UUID.randomUUID();
        byte[] body = ("{\"eventId\":\"" + eventId + "\",\"trackingNumber\":\"" + tracking
                + "\",\"type\":\"PICKED_UP\",\"occurredAt\":\"" + Instant.now() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        String signature = new CarrierWebhookSignature(platform.bean(CarrierWebhookConfiguration.class)
                .secret()).sign(body, Instant.now());

        ExecutorService carrier = Executors.newFixedThreadPool(10);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> deliveries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            deliveries.add(carrier.submit(() -> {
                go.await();
                return webhook(body, signature);
            }));
        }
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<Answer> delivery : deliveries) {
            Answer answer = delivery.get(30, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            outcomes.add(answer.body().contains("SIGNALLED") ? "SIGNALLED" : answer.body().contains("DUPLICATE")
                    ? "DUPLICATE" : answer.body());
        }
        carrier.shutdown();

        assertThat(outcomes).containsOnly("SIGNALLED", "DUPLICATE");
        assertThat(outcomes).filteredOn("SIGNALLED"::equals).hasSize(1);
        awaitStatus(customer, id, "PICKED_UP", Duration.ofSeconds(10));
        // The workflow would have counted a second signal of the same event as a duplicate: there was none.
        assertThat(workflowState(id).carrierEvents()).hasSize(1);
        assertThat(workflowState(id).duplicateCarrierEvents()).isZero();
        assertThat(platform.bean(CarrierWebhookInbox.class).deliveries(eventId)).isEqualTo(10);
    }

    private record Answer(int status, String body) {
    }

    private Answer webhook(byte[] body, String signature) {
        var request = HttpRequest.POST("/v1/webhooks/carrier", body).contentType(MediaType.APPLICATION_JSON_TYPE);
        if (signature != null) {
            request.header(CarrierWebhookSignature.HEADER, signature);
        }
        try {
            HttpResponse<String> response = platform.client.toBlocking().exchange(request, String.class);
            return new Answer(response.code(), response.body());
        } catch (HttpClientResponseException e) {
            return new Answer(e.code(), e.getResponse().getBody(String.class).orElse(""));
        }
    }

    @Test
    void aParcelNotPickedUpInTimeIsAShipmentExceptionOpsCanList() {
        String id = (String) api.post(customer, "/v1/orders", order(DemoStock.SKU, 1, "0000 NP")).body().get("id");
        awaitStatus(customer, id, "SHIPMENT_BOOKED", Duration.ofSeconds(20));
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "PT49H"));
        Map<String, Object> exception = awaitStatus(customer, id, "SHIPMENT_EXCEPTION", Duration.ofSeconds(20));
        assertThat(exception.get("history")).asList().last().asString().contains("not picked up");
        Map<String, Object> listed = api.get(ops, "/v1/ops/orders?status=SHIPMENT_EXCEPTION");
        assertThat(ids(listed)).contains(id);
        assertThat(api.get(ops, "/v1/ops/orders/" + id)).containsEntry("status", "SHIPMENT_EXCEPTION");
        assertThat(api.failure(() -> api.get(customer, "/v1/ops/orders")).code()).isEqualTo(403);
    }

    @Test
    void anotherCustomersOrderIsNotFoundExactlyLikeAMissingOne() {
        String id = (String) api.post(customer, "/v1/orders", order(emptySku, 1, "1015 AB")).body().get("id");
        String other = api.newCustomer();
        for (String path : List.of("/v1/orders/" + id, "/v1/orders/" + UUID.randomUUID())) {
            HttpClientResponseException missing = api.failure(() -> api.get(other, path));
            assertThat(missing.code()).isEqualTo(404);
            assertThat(ApiSession.problem(missing)).containsEntry("type", PROBLEMS + "not-found");
            assertThat(api.failure(() -> api.post(other, path + "/cancel", Map.of())).code()).isEqualTo(404);
            assertThat(api.failure(() -> api.put(other, path + "/address", address("1015 AB"))).code())
                    .isEqualTo(404);
        }
        assertThat(api.failure(() -> api.get(other, "/v1/orders?after=" + id)).code()).isEqualTo(404);
        assertThat(api.get(other, "/v1/orders").get("items")).isEqualTo(List.of());
        assertThat(api.get(customer, "/v1/orders/" + id)).containsEntry("id", id);
    }

    @Test
    void theApiRefusesToStartWithoutAStrongCarrierWebhookSecret() {
        for (String weak : List.of(" ", "too-short-for-hmac")) {
            Map<String, Object> properties = new HashMap<>(platform.stack.properties());
            properties.put("perennial.carrier.webhook.secret", weak);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.micronaut.context.ApplicationContext.builder()
                            .environments("api").properties(properties).start().close())
                    .rootCause().hasMessageContaining("Refusing to start: the carrier webhook secret");
        }
    }

    @Test
    void badOrdersAreProblemsAtTheEdgeAndClientsCannotSendAPrice() {
        assertProblem(() -> api.post(customer, "/v1/orders", order("NO-SUCH-SKU", 1, "1015 AB")), 422,
                "invalid-reference");
        assertProblem(() -> api.post(customer, "/v1/orders", order(DemoStock.SKU, 100, "1015 AB")), 400,
                "validation");
        assertProblem(() -> api.post(customer, "/v1/orders", order(DemoStock.SKU, 0, "1015 AB")), 400,
                "validation");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooMany.add(Map.of("sku", DemoStock.SKU, "quantity", 1));
        }
        assertProblem(() -> api.post(customer, "/v1/orders", Map.of("lines", tooMany, "shippingAddress",
                address("1015 AB"), "paymentMethod", "pm_card_visa")), 400, "validation");
        Map<String, Object> nowhere = new HashMap<>(order(DemoStock.SKU, 1, "1015 AB"));
        Map<String, Object> badCountry = address("1015 AB");
        badCountry.put("countryCode", "QQ");
        nowhere.put("shippingAddress", badCountry);
        assertProblem(() -> api.post(customer, "/v1/orders", nowhere), 400, "validation");
        Map<String, Object> priced = new HashMap<>(order(DemoStock.SKU, 1, "1015 AB"));
        priced.put("amountMinor", 1);
        assertProblem(() -> api.post(customer, "/v1/orders", priced), 400, "validation");
        assertProblem(() -> api.post(customer, "/v1/orders", Map.of("lines", List.of(
                Map.of("sku", DemoStock.SKU, "quantity", 1, "unitPriceMinor", 1)), "shippingAddress",
                address("1015 AB"), "paymentMethod", "pm_card_visa")), 400, "validation");
        assertProblem(() -> api.post(ops, "/v1/orders", order(DemoStock.SKU, 1, "1015 AB")), 403, "not-a-customer");
        List<Object> nullLine = new ArrayList<>();
        nullLine.add(null);
        Map<String, Object> withNullLine = new HashMap<>(order(DemoStock.SKU, 1, "1015 AB"));
        withNullLine.put("lines", nullLine);
        assertProblem(() -> api.post(customer, "/v1/orders", withNullLine), 400, "validation");
        Map<String, Object> noQuantity = new HashMap<>(order(DemoStock.SKU, 1, "1015 AB"));
        noQuantity.put("lines", List.of(Map.of("sku", DemoStock.SKU)));
        assertProblem(() -> api.post(customer, "/v1/orders", noQuantity), 400, "validation");
        Map<String, Object> twice = new HashMap<>(order(DemoStock.SKU, 1, "1015 AB"));
        twice.put("lines", List.of(Map.of("sku", DemoStock.SKU, "quantity", 1), Map.of("sku", DemoStock.SKU,
                "quantity", 2)));
        assertProblem(() -> api.post(customer, "/v1/orders", twice), 400, "validation");
        Map<String, Object> noAddress = new HashMap<>(order(DemoStock.SKU, 1, "1015 AB"));
        noAddress.remove("shippingAddress");
        assertProblem(() -> api.post(customer, "/v1/orders", noAddress), 400, "validation");
        assertProblem(() -> api.get(ops, "/v1/ops/orders?status=LOST"), 400, "validation");
    }

    private void assertProblem(Runnable request, int status, String kind) {
        HttpClientResponseException e = api.failure(request);
        assertThat(e.code()).isEqualTo(status);
        assertThat(ApiSession.problem(e)).containsEntry("type", PROBLEMS + kind);
    }
}

package io.perennial.acceptance;

import com.stripe.net.Webhook;
import io.micronaut.context.env.Environment;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
import io.perennial.payment.AuthenticationPageRepository;
import io.perennial.payment.Payment;
import io.perennial.payment.PaymentRepository;
import io.perennial.payment.RefundRepository;
import io.perennial.payment.RefundStatus;
import io.perennial.payment.SimulatedGatewayLedger;
import io.perennial.providerevent.ProviderWebhookEventRepository;
import io.perennial.subscription.SubscriptionRecordRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stripe's webhook on the embedded platform: events signed as Stripe signs them, with the run's signing secret,
 * posted byte for byte to {@code POST /v1/webhooks/stripe}.
 */
@PlatformTest(ownPlatform = true)
class StripeWebhookApiTest {

    private TestPlatform platform;
    private ApiSession api;
    private String ops;
    private String secret;
    private SimulatedGatewayLedger ledger;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        secret = platform.bean(Environment.class).getProperty("perennial.payments.stripe.webhook-secret", String.class)
                .orElseThrow();
        ledger = platform.bean(SimulatedGatewayLedger.class);
    }

    @AfterEach
    void providerBack() {
        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "NONE"));
    }

    @Test
    void aSignedPaymentSucceededEventSettlesAHeldRenewalOnceThoughStripeDeliversItTwice() throws Exception {
        String customer = api.newCustomer();
        String id = heldWithTheMoneyTaken(customer);
        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "NONE"));
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String event = paymentIntentSucceeded(eventId, id + ":1:renewal");

        HttpResponse<String> first = post(event, sign(event, secret));
        HttpResponse<String> again = post(event, sign(event, secret));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"outcome\":\"ACCEPTED\"");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"outcome\":\"DUPLICATE\"");
        ApiSession.eventually(() -> api.get(customer, "/v1/subscriptions/" + id),
                view -> "ACTIVE".equals(view.get("status")), Duration.ofSeconds(20));
        assertThat(api.list(customer, "/v1/subscriptions/" + id + "/payments"))
                .extracting(payment -> payment.get("status")).containsExactly("SUCCEEDED");
        assertThat(api.list(customer, "/v1/subscriptions/" + id + "/invoices"))
                .extracting(invoice -> invoice.get("status")).containsExactly("PAID");
        assertThat(ledger.countCharges(id + ":")).as("charged once").isEqualTo(1);
        assertThat(ledger.refunds(id + ":").count()).isZero();
        assertThat(platform.bean(ProviderWebhookEventRepository.class).findById(eventId).orElseThrow())
                .satisfies(row -> {
                    assertThat(row.deliveries()).isEqualTo(2);
                    assertThat(row.outcome()).isEqualTo("STARTED");
                });
    }

    @Test
    void aPaymentSucceededEventForAChargeWaitingForTheCustomerActivatesTheSubscriptionWithOneCharge() throws Exception {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions", Map.of("planId", "plan_digital_yearly",
                "paymentMethod", "pm_card_authenticationRequired")).body().get("id");
        String path = "/v1/subscriptions/" + id;
        ApiSession.eventually(() -> api.get(customer, path), view -> view.get("nextAction") != null,
                Duration.ofSeconds(10));
        String key = platform.bean(SubscriptionRecordRepository.class).findById(UUID.fromString(id)).orElseThrow()
                .nextActionPaymentKey();
        // The customer approves on the provider's page; only the provider's webhook tells Perennial.
        assertThat(platform.bean(AuthenticationPageRepository.class).answer(key, true)).isTrue();
        String event = paymentIntentSucceeded("evt_" + UUID.randomUUID().toString().replace("-", ""), key);

        HttpResponse<String> delivered = post(event, sign(event, secret));

        assertThat(delivered.statusCode()).isEqualTo(200);
        Map<String, Object> active = ApiSession.eventually(() -> api.get(customer, path),
                view -> "ACTIVE".equals(view.get("status")), Duration.ofSeconds(20));
        assertThat(active.get("nextAction")).isNull();
        assertThat(api.list(customer, path + "/payments")).extracting(payment -> payment.get("status"))
                .containsExactly("SUCCEEDED");
        assertThat(ledger.countCharges(id + ":")).as("charged once").isEqualTo(1);
    }

    @Test
    void aPaymentSucceededEventForAnOrderWaitingForTheCustomerShipsItWithOneCharge() throws Exception {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/orders", Map.of(
                "lines", List.of(Map.of("sku", DemoStock.SKU, "quantity", 1)),
                "shippingAddress", Map.of("recipient", "Ada Lovelace", "line1", "Keizersgracht 1",
                        "city", "Amsterdam", "postalCode", "1015 AB", "countryCode", "NL"),
                "paymentMethod", "pm_card_authenticationRequired")).body().get("id");
        String path = "/v1/orders/" + id;
        ApiSession.eventually(() -> api.get(customer, path), view -> view.get("nextAction") != null,
                Duration.ofSeconds(10));
        String key = "order-" + id + ":charge";
        // The customer approves on the provider's page; only the provider's webhook tells Perennial.
        assertThat(platform.bean(AuthenticationPageRepository.class).answer(key, true)).isTrue();
        String event = paymentIntentSucceeded("evt_" + UUID.randomUUID().toString().replace("-", ""), key);

        assertThat(post(event, sign(event, secret)).statusCode()).isEqualTo(200);

        Map<String, Object> shipped = ApiSession.eventually(() -> api.get(customer, path),
                view -> "SHIPMENT_BOOKED".equals(view.get("status")) || "DELIVERED".equals(view.get("status")),
                Duration.ofSeconds(20));
        assertThat(shipped.get("nextAction")).isNull();
        assertThat(shipped).containsEntry("chargedMinor", (int) DemoStock.UNIT_PRICE_MINOR);
        assertThat(ledger.countCharges("order-" + id + ":")).as("charged once").isEqualTo(1);
    }

    @Test
    void anEventWithABadSignatureIsRefusedWith400AndAudited() throws Exception {
        String event = paymentIntentSucceeded("evt_forged_" + UUID.randomUUID(), "anything:1:renewal");

        HttpResponse<String> forged = post(event, sign(event, secret + "-not-it"));
        HttpResponse<String> unsigned = post(event, null);

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(forged.body()).contains("https://perennial.dev/problems/invalid-signature");
        assertThat(unsigned.statusCode()).isEqualTo(400);
        List<AuditEntry> audited = platform.bean(AuditLog.class).findByTarget("webhook:stripe");
        assertThat(audited).extracting(AuditEntry::action).contains("webhook.refused");
        assertThat(audited).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void anEventOfATypePerennialDoesNotActOnIsAcknowledgedAndIgnored() throws Exception {
        String event = """
                {"id":"evt_%s","object":"event","api_version":"2026-07-29.dahlia","created":%d,"livemode":false,
                 "type":"customer.created","data":{"object":{"id":"cus_NffrFeUfNV2Hib","object":"customer"}}}
                """.formatted(UUID.randomUUID().toString().replace("-", ""), Instant.now().getEpochSecond());

        HttpResponse<String> answer = post(event, sign(event, secret));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"outcome\":\"IGNORED\"");
    }

    @Test
    void aDisputeMarksTheInvoiceDisputedAndTellsOps() throws Exception {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P14DT1H"));
        ApiSession.eventually(() -> api.list(customer, "/v1/subscriptions/" + id + "/invoices"),
                invoices -> invoices.size() == 1 && "PAID".equals(invoices.get(0).get("status")),
                Duration.ofSeconds(20));
        Payment paid = platform.bean(PaymentRepository.class).findByIdempotencyKey(id + ":1:renewal").orElseThrow();
        String disputeId = "dp_" + UUID.randomUUID().toString().replace("-", "");
        String event = """
                {"id":"evt_%s","object":"event","api_version":"2026-07-29.dahlia","created":%d,"livemode":false,
                 "type":"charge.dispute.created","data":{"object":{"id":"%s","object":"dispute","amount":%d,
                 "currency":"%s","charge":"ch_1MtwBwLkdIwHu7ixd1Y9B9iz","payment_intent":"%s","reason":"fraudulent",
                 "status":"needs_response","metadata":{}}}}
                """.formatted(UUID.randomUUID().toString().replace("-", ""), Instant.now().getEpochSecond(),
                disputeId, paid.amountMinor(), paid.currency().toLowerCase(), paid.gatewayReference());

        assertThat(post(event, sign(event, secret)).statusCode()).isEqualTo(200);

        Map<String, Object> dispute = ApiSession.eventually(() -> disputeOf(disputeId), found -> !found.isEmpty(),
                Duration.ofSeconds(20));
        assertThat(dispute).containsEntry("subscriptionId", id).containsEntry("reason", "fraudulent")
                .containsEntry("invoiceId", paid.invoiceId().toString());
        assertThat(((Number) dispute.get("amountMinor")).longValue()).isEqualTo(paid.amountMinor());
        Map<String, Object> invoice = api.get(customer, "/v1/invoices/" + paid.invoiceId());
        assertThat(invoice).containsEntry("disputed", true);
        assertThat(platform.bean(AuditLog.class).findByTarget("invoice:" + paid.invoiceId()))
                .extracting(AuditEntry::action).containsExactly("payment.disputed");
        assertThat(dispute).containsEntry("status", "OPEN");

        // Won at Stripe: the amount is ours again. A later event saying otherwise changes nothing: decided once.
        String won = event.replace("charge.dispute.created", "charge.dispute.closed")
                .replace("\"needs_response\"", "\"won\"").replaceFirst("\"id\":\"evt_[0-9a-f]+\"",
                        "\"id\":\"evt_won" + UUID.randomUUID().toString().replace("-", "") + "\"");
        assertThat(post(won, sign(won, secret)).statusCode()).isEqualTo(200);
        Map<String, Object> decided = ApiSession.eventually(() -> disputeOf(disputeId),
                found -> "WON".equals(found.get("status")), Duration.ofSeconds(20));
        assertThat(decided.get("closedAt")).isNotNull();
        String lost = won.replace("\"won\"", "\"lost\"").replace("evt_won", "evt_lost");
        assertThat(post(lost, sign(lost, secret)).statusCode()).isEqualTo(200);
        ApiSession.eventually(() -> platform.bean(AuditLog.class).findByTarget("invoice:" + paid.invoiceId()),
                entries -> entries.size() == 2, Duration.ofSeconds(20));
        Thread.sleep(1_000); // the second decision's workflow must change nothing
        assertThat(disputeOf(disputeId)).containsEntry("status", "WON");
        @SuppressWarnings("unchecked")
        Map<String, Object> invoiceDispute = (Map<String, Object>) api.get(customer,
                "/v1/invoices/" + paid.invoiceId()).get("dispute");
        assertThat(invoiceDispute).containsEntry("status", "WON");
        assertThat(platform.bean(AuditLog.class).findByTarget("invoice:" + paid.invoiceId()))
                .extracting(AuditEntry::action).containsExactly("payment.disputed", "payment.dispute-closed");
    }

    @Test
    void aRefundMadeAtStripeOutsidePerennialIsRecordedOnceAndNotMadeAgain() throws Exception {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P14DT1H"));
        ApiSession.eventually(() -> api.list(customer, "/v1/subscriptions/" + id + "/invoices"),
                invoices -> invoices.size() == 1 && "PAID".equals(invoices.get(0).get("status")),
                Duration.ofSeconds(20));
        Payment paid = platform.bean(PaymentRepository.class).findByIdempotencyKey(id + ":1:renewal").orElseThrow();
        String first = chargeRefunded(paid, 500);
        // The same cumulative refund told again by another event: recorded once.
        String sameTotal = chargeRefunded(paid, 500);

        assertThat(post(first, sign(first, secret)).statusCode()).isEqualTo(200);
        assertThat(post(sameTotal, sign(sameTotal, secret)).statusCode()).isEqualTo(200);

        RefundRepository refunds = platform.bean(RefundRepository.class);
        ApiSession.eventually(() -> refunds.findBySubscriptionIdOrderByCreatedAt(UUID.fromString(id)),
                found -> !found.isEmpty(), Duration.ofSeconds(20));
        Thread.sleep(1_000); // the second event's workflow must add nothing
        assertThat(refunds.findBySubscriptionIdOrderByCreatedAt(UUID.fromString(id))).singleElement()
                .satisfies(refund -> {
                    assertThat(refund.amountMinor()).isEqualTo(500);
                    assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED);
                    assertThat(refund.reason()).isEqualTo("made_at_provider");
                });
        assertThat(ledger.refunds(id + ":").count()).as("nothing refunded again at the provider").isZero();
    }

    private static String chargeRefunded(Payment paid, long refundedMinor) {
        return """
                {"id":"evt_%s","object":"event","api_version":"2026-07-29.dahlia","created":%d,"livemode":false,
                 "type":"charge.refunded","data":{"object":{"id":"ch_1MtwBwLkdIwHu7ixd1Y9B9iz","object":"charge",
                 "amount":%d,"amount_refunded":%d,"currency":"%s","payment_intent":"%s","refunded":false,
                 "metadata":{}}}}
                """.formatted(UUID.randomUUID().toString().replace("-", ""), Instant.now().getEpochSecond(),
                paid.amountMinor(), refundedMinor, paid.currency().toLowerCase(), paid.gatewayReference());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> disputeOf(String disputeId) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) api.get(ops, "/v1/ops/disputes").get("items");
        return items.stream().filter(item -> disputeId.equals(item.get("disputeId"))).findFirst().orElse(Map.of());
    }

    /** Subscribes, lets the trial end while the provider loses every answer: held, with the money taken. */
    private String heldWithTheMoneyTaken(String customer) {
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        api.put(ops, "/v1/ops/gateway/outage", Map.of("mode", "LOST_ANSWERS", "note", "answers lost"));
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P14DT1H"));
        ApiSession.eventually(() -> api.get(customer, "/v1/subscriptions/" + id),
                view -> "PAST_DUE".equals(view.get("status")), Duration.ofSeconds(20));
        assertThat(api.list(customer, "/v1/subscriptions/" + id + "/payments"))
                .extracting(payment -> payment.get("status")).containsExactly("PENDING");
        return id;
    }

    @Test
    void aSignedPaymentSucceededEventOfAnAlipayPaymentIntentPaysTheSentInvoiceOnce() throws Exception {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions", Map.of("planId", "plan_digital_yearly",
                "paymentMethod", "pm_card_visa", "collectionMethod", "SEND_INVOICE", "daysUntilDue", 14))
                .body().get("id");
        String invoiceId = (String) ApiSession.eventually(() -> api.list(customer, "/v1/subscriptions/" + id
                        + "/invoices"), invoices -> !invoices.isEmpty() && invoices.get(0).get("bankReference") != null,
                Duration.ofSeconds(10)).get(0).get("id");
        String key = (String) api.post(customer, "/v1/invoices/" + invoiceId + "/payments",
                Map.of("method", "alipay")).body().get("paymentKey");
        assertThat(key).isEqualTo(invoiceId + ":redirect:alipay");

        // Stripe's confirmation of the Alipay PaymentIntent, then another event about the same payment.
        String first = paymentIntentSucceeded("evt_" + UUID.randomUUID().toString().replace("-", ""), key);
        String secondId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String second = paymentIntentSucceeded(secondId, key);
        assertThat(post(first, sign(first, secret)).body()).contains("\"outcome\":\"ACCEPTED\"");
        ApiSession.eventually(() -> api.get(customer, "/v1/invoices/" + invoiceId),
                invoice -> "PAID".equals(invoice.get("status")), Duration.ofSeconds(20));
        assertThat(post(second, sign(second, secret)).body()).contains("\"outcome\":\"ACCEPTED\"");
        assertThat(platform.bean(io.temporal.client.WorkflowClient.class)
                .newUntypedWorkflowStub(io.perennial.temporal.WorkflowIds.providerEvent(secondId))
                .getResult(20, java.util.concurrent.TimeUnit.SECONDS,
                        io.perennial.providerevent.ProviderEventOutcome.class).effect())
                .isEqualTo("REDIRECT_DUPLICATE");

        Map<String, Object> served = ApiSession.eventually(() -> api.get(customer, "/v1/subscriptions/" + id),
                view -> view.get("currentPeriod") != null
                        && ((Map<?, ?>) view.get("currentPeriod")).get("end").equals(view.get("accessUntil")),
                Duration.ofSeconds(20));
        assertThat(served).containsEntry("status", "ACTIVE");
        assertThat(api.list(customer, "/v1/subscriptions/" + id + "/payments")).singleElement()
                .satisfies(payment -> assertThat(payment).containsEntry("status", "SUCCEEDED"));
    }

    private static String paymentIntentSucceeded(String eventId, String key) {
        return """
                {"id":"%s","object":"event","api_version":"2026-07-29.dahlia","created":%d,"livemode":false,
                 "pending_webhooks":1,"request":{"id":null,"idempotency_key":"%s"},"type":"payment_intent.succeeded",
                 "data":{"object":{"id":"pi_3MtwBwLkdIwHu7ix28a3tqPa","object":"payment_intent","amount":1099,
                   "currency":"eur","status":"succeeded","metadata":{"perennial_key":"%s"}}}}
                """.formatted(eventId, Instant.now().getEpochSecond(), key, key);
    }

    /** What Stripe sends: {@code t=…,v1=HMAC_SHA256(secret, t + "." + payload)}. */
    private static String sign(String payload, String secret) throws Exception {
        long t = Instant.now().getEpochSecond();
        return "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(secret, t + "." + payload);
    }

    private HttpResponse<String> post(String payload, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/v1/webhooks/stripe"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

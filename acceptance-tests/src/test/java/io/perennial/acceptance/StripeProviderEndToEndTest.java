package io.perennial.acceptance;

import io.micronaut.http.HttpRequest;
import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
import io.perennial.payment.OrderPaymentRepository;
import io.perennial.payment.PaymentRepository;
import io.perennial.testsupport.NeedsStripeMock;
import io.perennial.testsupport.StripeMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded platform with {@code perennial.payments.provider=stripe}, pointed at stripe-mock through
 * {@link StripeMockRelay} (a platform of its own, started here: its configuration names the relay's port, known only
 * at run time, so it is not a {@link PlatformTest}): subscribing, renewing on the test clock, refunding, upgrading and ordering go through
 * the Stripe adapter,
 * each request validated by stripe-mock, and our payments keep the PaymentIntent ids Stripe answered.
 */
@NeedsStripeMock
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StripeProviderEndToEndTest {

    private StripeMock stripeMock;
    private StripeMockRelay relay;
    private TestPlatform platform;
    private ApiSession api;

    @BeforeAll
    void start() throws IOException {
        stripeMock = StripeMock.start();
        relay = new StripeMockRelay(stripeMock.base());
        platform = TestPlatform.start(PlatformTest.Temporal.IN_PROCESS, Map.of(
                "perennial.payments.provider", "stripe",
                "perennial.payments.stripe.api-key", "sk_test_perennial",
                "perennial.payments.stripe.api-base", relay.base(),
                // A year of the test clock would also run 366 daily analytics roll-ups (about 30 ms each), past
                // the client's 10 s read timeout; this test is about payments.
                "perennial.periodic-jobs.analytics-every", "3650d"));
        api = platform.api;
    }

    @AfterAll
    void stop() {
        platform.close();
        relay.close();
        stripeMock.close();
    }

    @Test
    void aSubscriptionIsChargedRenewedAndRefundedThroughStripe() {
        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_yearly", "paymentMethod", "pm_card_visa")).body().get("id");
        String path = "/v1/subscriptions/" + id;
        ApiSession.eventually(() -> api.list(customer, path + "/payments"),
                payments -> payments.size() == 1 && "SUCCEEDED".equals(payments.get(0).get("status")),
                Duration.ofSeconds(20));

        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P366D"));
        List<Map<String, Object>> payments = ApiSession.eventually(() -> api.list(customer, path + "/payments"),
                list -> list.size() == 2 && list.stream().allMatch(p -> "SUCCEEDED".equals(p.get("status"))),
                Duration.ofSeconds(20));
        assertThat(payments).extracting(p -> p.get("period")).containsExactlyInAnyOrder(1, 2);

        assertThat(platform.client.toBlocking().exchange(HttpRequest.POST("/v1/ops/subscriptions/" + id + "/refunds",
                        Map.of("period", 2, "amountMinor", 500, "reason", "goodwill"))
                .bearerAuth(ops).header("Idempotency-Key", "ticket-" + id), ApiSession.JSON).code()).isEqualTo(201);

        PaymentRepository stored = platform.context.getBean(PaymentRepository.class);
        List<StripeMockRelay.Sent> sent = relay.sent();
        List<String> chargeKeys = sent.stream().filter(s -> s.path().equals("/v1/payment_intents"))
                .map(StripeMockRelay.Sent::idempotencyKey).filter(key -> key.startsWith(id + ":")).toList();
        assertThat(chargeKeys).containsExactly(id + ":1:renewal", id + ":2:renewal");
        for (String key : chargeKeys) {
            assertThat(stored.findByIdempotencyKey(key).orElseThrow().gatewayReference()).startsWith("pi_");
        }
        // One Stripe Customer and one attachment per customer, however many charges (the other test's customer too).
        assertThat(sent).filteredOn(s -> s.path().equals("/v1/customers")).isNotEmpty()
                .extracting(StripeMockRelay.Sent::idempotencyKey).doesNotHaveDuplicates();
        assertThat(sent).filteredOn(s -> s.path().endsWith("/attach")).isNotEmpty()
                .extracting(StripeMockRelay.Sent::idempotencyKey).doesNotHaveDuplicates();
        assertThat(sent).filteredOn(s -> s.path().equals("/v1/refunds")).singleElement()
                .satisfies(refund -> assertThat(refund.idempotencyKey()).isNotBlank()
                        .isNotIn(chargeKeys));
    }

    @Test
    void anUpgradeAndAnOrderAreChargedThroughStripe() {
        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P15D"));
        ApiSession.eventually(() -> api.list(customer, "/v1/subscriptions/" + id + "/payments"),
                payments -> payments.size() == 1 && "SUCCEEDED".equals(payments.get(0).get("status")),
                Duration.ofSeconds(20));
        assertThat(api.post(customer, "/v1/subscriptions/" + id + "/plan-change",
                Map.of("planId", "plan_digital_yearly")).code()).isEqualTo(200);

        String orderId = (String) api.post(customer, "/v1/orders", Map.of(
                "lines", List.of(Map.of("sku", DemoStock.SKU, "quantity", 1)),
                "shippingAddress", Map.of("recipient", "Ada Lovelace", "line1", "Keizersgracht 1",
                        "city", "Amsterdam", "postalCode", "1015 AB", "countryCode", "NL"),
                "paymentMethod", "pm_card_visa")).body().get("id");
        ApiSession.eventually(() -> api.get(customer, "/v1/orders/" + orderId),
                order -> ((Number) order.get("chargedMinor")).longValue() > 0, Duration.ofSeconds(20));

        List<String> chargeKeys = relay.sent().stream().filter(s -> s.path().equals("/v1/payment_intents"))
                .map(StripeMockRelay.Sent::idempotencyKey).toList();
        String upgradeKey = chargeKeys.stream().filter(key -> key.startsWith(id + ":") && key.contains("change"))
                .findFirst().orElseThrow();
        assertThat(platform.context.getBean(PaymentRepository.class).findByIdempotencyKey(upgradeKey).orElseThrow()
                .gatewayReference()).startsWith("pi_");
        String orderKey = chargeKeys.stream().filter(key -> key.contains(orderId)).findFirst().orElseThrow();
        assertThat(platform.context.getBean(OrderPaymentRepository.class).findByIdempotencyKey(orderKey)
                .orElseThrow().gatewayReference()).startsWith("pi_");
    }
}

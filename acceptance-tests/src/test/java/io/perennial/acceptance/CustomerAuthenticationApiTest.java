package io.perennial.acceptance;

import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
import io.perennial.payment.SimulatedGatewayLedger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strong Customer Authentication on the embedded default: a subscription started (or an order placed) with
 * {@code pm_card_authenticationRequired} shows {@code nextAction}, the customer answers on the simulated provider's
 * page, and the charge settles under its own key; unanswered, the deadline passes and dunning begins (the order fails,
 * its stock released). Moves the test clock, so it has a platform of its own.
 */
@PlatformTest(ownPlatform = true)
class CustomerAuthenticationApiTest {

    private TestPlatform platform;
    private ApiSession api;
    private String ops;

    @BeforeAll
    void start() {
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSubscriptionNeedingTheCustomerShowsTheActionAndIsActiveOnceTheCustomerApproves() {
        String customer = api.newCustomer();
        String id = subscribe(customer);
        String path = "/v1/subscriptions/" + id;

        Map<String, Object> waiting = ApiSession.eventually(() -> api.get(customer, path),
                view -> view.get("nextAction") != null, Duration.ofSeconds(10));
        assertThat(waiting).containsEntry("status", "PAST_DUE").containsEntry("failedPaymentCount", 0);
        Map<String, Object> action = (Map<String, Object>) waiting.get("nextAction");
        assertThat(action).containsEntry("type", "authenticate_payment")
                .containsEntry("url", path + "/payment-authentication");
        assertThat(Instant.parse((String) action.get("expiresAt"))).isAfter(Instant.parse(clock()));
        assertThat(api.list(customer, path + "/payments")).extracting(payment -> payment.get("status"))
                .containsExactly("REQUIRES_ACTION");

        // Someone else cannot answer for the customer.
        String stranger = api.newCustomer();
        HttpClientResponseException foreign = api.failure(() -> api.post(stranger, (String) action.get("url"),
                Map.of("outcome", "approve")));
        assertThat(foreign.code()).isEqualTo(404);

        assertThat(api.post(customer, (String) action.get("url"), Map.of("outcome", "approve")).code())
                .isEqualTo(202);

        Map<String, Object> active = ApiSession.eventually(() -> api.get(customer, path),
                view -> "ACTIVE".equals(view.get("status")), Duration.ofSeconds(10));
        assertThat(active.get("nextAction")).isNull();
        assertThat(api.list(customer, path + "/payments")).extracting(payment -> payment.get("status"))
                .containsExactly("SUCCEEDED");
        // Settled under the same key: the provider took the money once.
        assertThat(platform.bean(SimulatedGatewayLedger.class).countCharges(id + ":")).isEqualTo(1);
        // The answer is spent: a second one has nothing to authenticate.
        HttpClientResponseException again = api.failure(() -> api.post(customer, (String) action.get("url"),
                Map.of("outcome", "approve")));
        assertThat(again.code()).isEqualTo(409);
        assertThat(ApiSession.problem(again))
                .containsEntry("type", "https://perennial.dev/problems/no-customer-action");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSubscriptionWhoseCustomerNeverAnswersEntersDunningWhenTheDeadlinePasses() {
        String customer = api.newCustomer();
        String id = subscribe(customer);
        String path = "/v1/subscriptions/" + id;
        Map<String, Object> waiting = ApiSession.eventually(() -> api.get(customer, path),
                view -> view.get("nextAction") != null, Duration.ofSeconds(10));
        String url = (String) ((Map<String, Object>) waiting.get("nextAction")).get("url");

        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "PT24H"));

        Map<String, Object> dunning = ApiSession.eventually(() -> api.get(customer, path),
                view -> view.get("nextAction") == null && ((Number) view.get("failedPaymentCount")).intValue() == 1,
                Duration.ofSeconds(10));
        assertThat(dunning).containsEntry("status", "PAST_DUE");
        assertThat(dunning.get("nextRetryAt")).isNotNull();
        List<Map<String, Object>> payments = api.list(customer, path + "/payments");
        assertThat(payments).extracting(payment -> payment.get("status"), payment -> payment.get("declineCode"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DECLINED", "authentication_expired"));
        // Too late: the provider closed the request, so an approval now takes no money.
        assertThat(api.failure(() -> api.post(customer, url, Map.of("outcome", "approve"))).code()).isEqualTo(409);
        assertThat(platform.bean(SimulatedGatewayLedger.class).countCharges(id + ":")).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOrderNeedingTheCustomerShowsTheActionAndShipsOnceTheCustomerApproves() {
        String customer = api.newCustomer();
        String id = placeOrder(customer);
        String path = "/v1/orders/" + id;

        Map<String, Object> waiting = ApiSession.eventually(() -> api.get(customer, path),
                view -> view.get("nextAction") != null, Duration.ofSeconds(10));
        assertThat(waiting).containsEntry("status", "AWAITING_PAYMENT").containsEntry("chargedMinor", 0);
        // Ops find it by status too.
        assertThat(api.get(ops, "/v1/ops/orders?status=AWAITING_PAYMENT").toString()).contains(id);
        Map<String, Object> action = (Map<String, Object>) waiting.get("nextAction");
        assertThat(action).containsEntry("type", "authenticate_payment")
                .containsEntry("url", path + "/payment-authentication");
        // The order's default window: an hour, while its stock stays reserved.
        assertThat(Duration.between(Instant.parse(clock()), Instant.parse((String) action.get("expiresAt"))))
                .isBetween(Duration.ofMinutes(55), Duration.ofHours(1));
        String stranger = api.newCustomer();
        assertThat(api.failure(() -> api.post(stranger, (String) action.get("url"), Map.of("outcome", "approve")))
                .code()).isEqualTo(404);

        assertThat(api.post(customer, (String) action.get("url"), Map.of("outcome", "approve")).code())
                .isEqualTo(202);

        Map<String, Object> shipped = ApiSession.eventually(() -> api.get(customer, path),
                view -> "SHIPMENT_BOOKED".equals(view.get("status")) || "DELIVERED".equals(view.get("status")),
                Duration.ofSeconds(20));
        assertThat(shipped.get("nextAction")).isNull();
        assertThat(shipped).containsEntry("chargedMinor", (int) DemoStock.UNIT_PRICE_MINOR);
        assertThat(platform.bean(SimulatedGatewayLedger.class).countCharges("order-" + id + ":")).isEqualTo(1);
        HttpClientResponseException again = api.failure(() -> api.post(customer, (String) action.get("url"),
                Map.of("outcome", "approve")));
        assertThat(again.code()).isEqualTo(409);
        assertThat(ApiSession.problem(again))
                .containsEntry("type", "https://perennial.dev/problems/no-customer-action");
    }

    @Test
    void anOrderWhoseCustomerNeverAnswersFailsWhenItsHourPassesAndTakesNothing() {
        String customer = api.newCustomer();
        String id = placeOrder(customer);
        String path = "/v1/orders/" + id;
        ApiSession.eventually(() -> api.get(customer, path), view -> view.get("nextAction") != null,
                Duration.ofSeconds(10));

        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "PT2H"));

        Map<String, Object> failed = ApiSession.eventually(() -> api.get(customer, path),
                view -> "FAILED".equals(view.get("status")), Duration.ofSeconds(20));
        assertThat(failed.get("nextAction")).isNull();
        assertThat((String) failed.get("failureReason")).contains("authentication_expired");
        assertThat(failed).containsEntry("chargedMinor", 0).containsEntry("refundedMinor", 0);
        assertThat(api.failure(() -> api.post(customer, path + "/payment-authentication",
                Map.of("outcome", "approve"))).code()).isEqualTo(409);
        assertThat(platform.bean(SimulatedGatewayLedger.class).countCharges("order-" + id + ":")).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUpgradeNeedingTheCustomerIsPendingAndAppliesOnceTheCustomerApproves() {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        String path = "/v1/subscriptions/" + id;
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", "P15D"));
        ApiSession.eventually(() -> api.get(customer, path), view -> "ACTIVE".equals(view.get("status")),
                Duration.ofSeconds(20));
        api.put(customer, path + "/payment-method", Map.of("paymentMethod", "pm_card_authenticationRequired"));

        Map<String, Object> pending = api.post(customer, path + "/plan-change",
                Map.of("planId", "plan_digital_yearly")).body();

        Map<String, Object> action = (Map<String, Object>) pending.get("nextAction");
        assertThat(action).containsEntry("type", "authenticate_payment")
                .containsEntry("url", path + "/payment-authentication");
        assertThat((Map<String, Object>) pending.get("subscription")).containsEntry("planId", "plan_digital_monthly")
                .containsEntry("status", "ACTIVE");
        assertThat(ApiSession.eventually(() -> api.get(customer, path), view -> view.get("nextAction") != null,
                Duration.ofSeconds(10))).containsEntry("planId", "plan_digital_monthly");

        assertThat(api.post(customer, (String) action.get("url"), Map.of("outcome", "approve")).code())
                .isEqualTo(202);

        Map<String, Object> upgraded = ApiSession.eventually(() -> api.get(customer, path),
                view -> "plan_digital_yearly".equals(view.get("planId")), Duration.ofSeconds(20));
        assertThat(upgraded.get("nextAction")).isNull();
        assertThat(upgraded).containsEntry("status", "ACTIVE");
        // The first period's charge and the upgrade's, once each.
        assertThat(platform.bean(SimulatedGatewayLedger.class).countCharges(id + ":")).isEqualTo(2);
    }

    private String placeOrder(String customer) {
        return (String) api.post(customer, "/v1/orders", Map.of(
                "lines", List.of(Map.of("sku", DemoStock.SKU, "quantity", 1)),
                "shippingAddress", Map.of("recipient", "Ada Lovelace", "line1", "Keizersgracht 1",
                        "city", "Amsterdam", "postalCode", "1015 AB", "countryCode", "NL"),
                "paymentMethod", "pm_card_authenticationRequired")).body().get("id");
    }

    private String subscribe(String customer) {
        return (String) api.post(customer, "/v1/subscriptions", Map.of("planId", "plan_digital_yearly",
                "paymentMethod", "pm_card_authenticationRequired")).body().get("id");
    }

    private String clock() {
        return (String) api.get(ops, "/v1/dev/clock").get("now");
    }
}

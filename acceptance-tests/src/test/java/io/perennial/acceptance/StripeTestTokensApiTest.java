package io.perennial.acceptance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stripe's documented test tokens work through the public API on the simulated provider, so one demo runs against
 * either provider: each declining token leaves the first charge declined with the code Stripe's test mode gives
 * (the one that needs the customer waits for them).
 */
@PlatformTest
class StripeTestTokensApiTest {

    ApiSession api;

    @ParameterizedTest(name = "{0} answers {1} {2}")
    @CsvSource({
            "pm_card_visa, SUCCEEDED, ",
            "pm_card_chargeDeclined, DECLINED, generic_decline",
            "pm_card_chargeDeclinedInsufficientFunds, DECLINED, insufficient_funds",
            "pm_card_chargeDeclinedStolenCard, DECLINED, stolen_card",
            "pm_card_authenticationRequired, REQUIRES_ACTION, authentication_required"})
    void aSubscriptionsFirstChargeAnswersAsStripesTestModeDoesForTheToken(String token, String status,
                                                                          String declineCode) {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_yearly", "paymentMethod", token)).body().get("id");

        List<Map<String, Object>> payments = ApiSession.eventually(
                () -> api.list(customer, "/v1/subscriptions/" + id + "/payments"),
                list -> !list.isEmpty() && !"PENDING".equals(list.get(0).get("status")), Duration.ofSeconds(10));

        assertThat(payments.get(0)).containsEntry("status", status);
        assertThat(payments.get(0).get("declineCode")).isEqualTo(declineCode);
    }

    /** A hard decline is not retried on the dunning schedule: the subscription waits for another card. */
    @org.junit.jupiter.api.Test
    void aStolenCardLeavesTheSubscriptionWaitingForANewCardWhichRecoversItAtOnce() {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_yearly", "paymentMethod", "pm_card_chargeDeclinedStolenCard"))
                .body().get("id");
        String path = "/v1/subscriptions/" + id;

        ApiSession.eventually(() -> api.get(customer, path), view -> "PAST_DUE".equals(view.get("status")),
                Duration.ofSeconds(10));
        String ops = api.login(io.perennial.launcher.DemoAccounts.OPS_EMAIL,
                io.perennial.launcher.DemoAccounts.OPS_PASSWORD);
        // The read model (which ops list from) says why: no scheduled retry of this card.
        ApiSession.eventually(() -> api.get(ops, "/v1/ops/renewals/failed?reason=payment_method_unusable&limit=500"),
                page -> page.get("items").toString().contains(id), Duration.ofSeconds(10));
        assertThat(api.put(customer, path + "/payment-method", Map.of("paymentMethod", "pm_card_visa")).code())
                .isEqualTo(202);

        ApiSession.eventually(() -> api.get(customer, path), view -> "ACTIVE".equals(view.get("status")),
                Duration.ofSeconds(10));
        assertThat(api.list(customer, path + "/payments")).extracting(payment -> payment.get("declineCode"))
                .containsExactly("stolen_card", null);
    }
}

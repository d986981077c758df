package io.perennial.acceptance;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import io.perennial.payment.SavedPaymentMethods;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Saved payment methods: the owner's alone, saved once per key, usable for subscribing, never showing the token. */
@PlatformTest
class PaymentMethodApiTest {

    private static final String PROBLEMS = "https://perennial.dev/problems/";

    private TestPlatform platform;
    private ApiSession api;

    private HttpResponse<Map<String, Object>> save(String token, String key, Map<String, Object> body) {
        return platform.client.toBlocking().exchange(HttpRequest.POST("/v1/payment-methods", body).bearerAuth(token)
                .header("Idempotency-Key", key), ApiSession.JSON);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSavedMethodIsSavedOncePerKeyAndPaysForASubscriptionOfItsOwnerOnly() {
        String ada = api.newCustomer();
        String bob = api.newCustomer();
        Map<String, Object> card = Map.of("token", "pm_card_visa", "label", "Visa for groceries");

        HttpResponse<Map<String, Object>> saved = save(ada, "card-1", card);
        assertThat(saved.code()).isEqualTo(201);
        String id = (String) saved.body().get("id");
        assertThat(id).matches("pm_saved_[a-f0-9]{32}");
        assertThat(saved.body()).containsOnlyKeys("id", "label", "createdAt", "isDefault").containsEntry("label", "Visa for groceries");
        HttpResponse<Map<String, Object>> again = save(ada, "card-1", card);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).containsEntry("id", id);
        assertThat((List<Map<String, Object>>) api.get(ada, "/v1/payment-methods").get("items"))
                .extracting(method -> method.get("id")).containsExactly(id);
        assertThat(platform.bean(SavedPaymentMethods.class).findById(id).orElseThrow().gatewayToken())
                .isEqualTo("pm_card_visa");

        // Ada subscribes with it: the provider is charged with the token it stands for.
        String subscription = (String) api.post(ada, "/v1/subscriptions",
                Map.of("planId", "plan_digital_yearly", "paymentMethod", id)).body().get("id");
        ApiSession.eventually(() -> api.list(ada, "/v1/subscriptions/" + subscription + "/payments"),
                payments -> !payments.isEmpty(), Duration.ofSeconds(20));
        assertThat(api.get(ada, "/v1/subscriptions/" + subscription)).containsEntry("status", "ACTIVE");

        // Bob cannot see it, use it, or remove it: as unknown as an id that never existed.
        assertThat(api.failure(() -> api.get(bob, "/v1/payment-methods/" + id)).code()).isEqualTo(404);
        HttpClientResponseException borrowed = api.failure(() -> api.post(bob, "/v1/subscriptions",
                Map.of("planId", "plan_digital_yearly", "paymentMethod", id)));
        assertThat(borrowed.code()).isEqualTo(422);
        assertThat(ApiSession.problem(borrowed)).containsEntry("type", PROBLEMS + "invalid-reference");
        assertThat((List<?>) api.get(bob, "/v1/subscriptions").get("items")).isEmpty();
        assertThat(api.failure(() -> platform.client.toBlocking().exchange(
                HttpRequest.DELETE("/v1/payment-methods/" + id).bearerAuth(bob))).code()).isEqualTo(404);

        // Removed, it is gone for new uses; the subscription that charges it carries on.
        assertThat(platform.client.toBlocking().exchange(HttpRequest.DELETE("/v1/payment-methods/" + id)
                .bearerAuth(ada)).code()).isEqualTo(204);
        assertThat(api.failure(() -> api.get(ada, "/v1/payment-methods/" + id)).code()).isEqualTo(404);
        assertThat(api.failure(() -> api.post(ada, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", id))).code()).isEqualTo(422);
        assertThat(api.get(ada, "/v1/subscriptions/" + subscription)).containsEntry("status", "ACTIVE");
    }

    @Test
    void aSavedIdCannotBeSavedAsATokenAndStaffHaveNoPaymentMethods() {
        String ada = api.newCustomer();
        HttpClientResponseException nested = api.failure(() -> save(ada, "k",
                Map.of("token", "pm_saved_0123456789abcdef0123456789abcdef")));
        assertThat(nested.code()).isEqualTo(400);
        assertThat(ApiSession.problem(nested).get("errors")).asString().contains("/token");
        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        assertThat(api.failure(() -> save(ops, "k", Map.of("token", "pm_card_visa"))).code()).isEqualTo(403);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMethodMadeDefaultLastIsTheDefaultAndListedFirstUntilItIsRemoved() {
        String ada = api.newCustomer();
        String first = (String) save(ada, "first", Map.of("token", "pm_card_visa")).body().get("id");
        String second = (String) save(ada, "second", Map.of("token", "pm_card_mastercard")).body().get("id");

        assertThat(api.post(ada, "/v1/payment-methods/" + first + "/default", Map.of()).body())
                .containsEntry("id", first).containsEntry("isDefault", true);
        assertThat((List<Map<String, Object>>) api.get(ada, "/v1/payment-methods").get("items"))
                .extracting(method -> method.get("id") + ":" + method.get("isDefault"))
                .containsExactly(first + ":true", second + ":false");
        assertThat(api.failure(() -> api.post(api.newCustomer(), "/v1/payment-methods/" + first + "/default",
                Map.of())).code()).isEqualTo(404);
        api.post(ada, "/v1/payment-methods/" + second + "/default", Map.of());
        assertThat(api.get(ada, "/v1/payment-methods/" + first)).containsEntry("isDefault", false);

        // Removed, the default falls back to the one that was default before it.
        platform.client.toBlocking().exchange(HttpRequest.DELETE("/v1/payment-methods/" + second).bearerAuth(ada));
        assertThat(api.get(ada, "/v1/payment-methods/" + first)).containsEntry("isDefault", true);
    }
}

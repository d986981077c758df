package io.perennial.acceptance;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import io.perennial.payment.SimulatedGatewayLedger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default, driven through its HTTP API exactly as the README's curl session does. */
@PlatformTest(ownPlatform = true)
class EmbeddedPlatformTest {

    private TestPlatform platform;
    private ApplicationContext context;
    private HttpClient client;
    private ApiSession api;
    private String ops;

    @BeforeAll
    void start() {
        context = platform.context;
        client = platform.client;
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
    }

    private Map<String, Object> advance(String duration) {
        return api.post(ops, "/v1/dev/clock/advance", Map.of("duration", duration)).body();
    }

    @Test
    void aSubscriberTrialsForTwoWeeksThenPaysEveryMonthOnTheTestClock() {
        String customer = api.newCustomer();
        List<Map<String, Object>> plans = client.toBlocking().retrieve(HttpRequest.GET("/v1/plans"),
                io.micronaut.core.type.Argument.listOf(ApiSession.JSON));
        assertThat(plans).hasSize(2);

        HttpResponse<Map<String, Object>> created = api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa"));
        assertThat(created.code()).isEqualTo(201);
        String id = (String) created.body().get("id");
        assertThat(created.header("Location")).isEqualTo("/v1/subscriptions/" + id);
        assertThat(created.body()).containsEntry("status", "TRIALING");
        String path = "/v1/subscriptions/" + id;
        SimulatedGatewayLedger ledger = context.getBean(SimulatedGatewayLedger.class);

        Map<String, Object> clock = advance("P15D");
        assertThat(Duration.between(java.time.Instant.parse((String) clock.get("before")),
                java.time.Instant.parse((String) clock.get("now")))).isGreaterThanOrEqualTo(Duration.ofDays(15));
        Map<String, Object> afterTrial = api.get(customer, path);
        // The clock moves only when nothing is in flight, so the read model has recorded the first charge too.
        assertThat(afterTrial).containsEntry("status", "ACTIVE").containsEntry("source", "read-model");
        assertThat((Map<String, Object>) afterTrial.get("currentPeriod")).containsEntry("number", 1);
        assertThat(ledger.countCharges(id + ":")).isEqualTo(1);

        advance("P31D");
        Map<String, Object> secondPeriod = api.get(customer, path);
        assertThat((Map<String, Object>) secondPeriod.get("currentPeriod")).containsEntry("number", 2);
        assertThat(ledger.countCharges(id + ":")).isEqualTo(2);

        HttpResponse<Map<String, Object>> canceled = api.post(customer, path + "/cancel", Map.of("timing", "IMMEDIATELY"));
        assertThat(canceled.code()).isEqualTo(200);
        Map<String, Object> end = ApiSession.eventually(() -> api.get(customer, path),
                view -> "CANCELED".equals(view.get("status")), Duration.ofSeconds(10));
        assertThat(end).containsEntry("cancelReason", "customer_request");
        Map<String, Object> mine = api.get(customer, "/v1/subscriptions");
        assertThat((List<?>) mine.get("items")).hasSize(1);
        assertThat(mine.get("next")).isNull();
        advance("P31D");
        assertThat(ledger.countCharges(id + ":")).isEqualTo(2);
    }

    @Test
    void aDeclinedCardAtTrialEndMakesTheSubscriptionPastDue() {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_declined")).body().get("id");

        advance("P14DT12H");
        Map<String, Object> declined = api.get(customer, "/v1/subscriptions/" + id);
        assertThat(declined).containsEntry("status", "PAST_DUE").containsEntry("failedPaymentCount", 1);

        // The first dunning retry comes a day after the decline, and is declined too.
        advance("P1D");
        Map<String, Object> retried = api.get(customer, "/v1/subscriptions/" + id);
        assertThat(retried).containsEntry("status", "PAST_DUE").containsEntry("failedPaymentCount", 2);
    }

    @Test
    void anotherCustomersSubscriptionAnswersNotFoundAndAnonymousCallersAreRejected() {
        String owner = api.newCustomer();
        String stranger = api.newCustomer();
        String id = (String) api.post(owner, "/v1/subscriptions",
                Map.of("planId", "plan_digital_yearly", "paymentMethod", "pm_card_visa")).body().get("id");

        HttpClientResponseException notYours = api.failure(() -> api.get(stranger, "/v1/subscriptions/" + id));
        assertThat(notYours.code()).isEqualTo(404);
        assertThat(ApiSession.problem(notYours)).containsEntry("type", "https://perennial.dev/problems/not-found");
        assertThat(api.get(ops, "/v1/subscriptions/" + id)).containsEntry("id", id);

        HttpClientResponseException anonymous = api.failure(() ->
                client.toBlocking().retrieve(HttpRequest.GET("/v1/subscriptions/" + id)));
        assertThat(anonymous.code()).isEqualTo(401);
        HttpClientResponseException customerOnClock = api.failure(() -> api.post(owner, "/v1/dev/clock/advance",
                Map.of("duration", "P1D")));
        assertThat(customerOnClock.code()).isEqualTo(403);
    }

    @Test
    void invalidInputGetsAProblemDocumentNamingEachField() {
        String customer = api.newCustomer();

        HttpClientResponseException invalid = api.failure(() -> api.post(customer, "/v1/subscriptions",
                Map.of("planId", "", "paymentMethod", "visa")));
        assertThat(invalid.code()).isEqualTo(400);
        assertThat(invalid.getResponse().getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        Map<String, Object> problem = ApiSession.problem(invalid);
        assertThat(problem).containsEntry("type", "https://perennial.dev/problems/validation");
        assertThat((List<Map<String, Object>>) problem.get("errors")).extracting(error -> error.get("pointer"))
                .contains("/planId", "/paymentMethod");

        HttpClientResponseException unknownPlan = api.failure(() -> api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_gold", "paymentMethod", "pm_card_visa")));
        assertThat(unknownPlan.code()).isEqualTo(422);
        assertThat(ApiSession.problem(unknownPlan)).containsEntry("type", "https://perennial.dev/problems/unknown-plan");

        HttpClientResponseException badDuration = api.failure(() -> advance("next month"));
        assertThat(badDuration.code()).isEqualTo(400);

        HttpClientResponseException wrongPassword = api.failure(() -> api.login(DemoAccounts.OPS_EMAIL, "guess"));
        assertThat(wrongPassword.code()).isEqualTo(401);
        assertThat(ApiSession.problem(wrongPassword)).containsEntry("type",
                "https://perennial.dev/problems/invalid-credentials");
    }

    @Test
    void healthIsOpenToAnyoneAndChecksPostgresAndTemporal() {
        Map<String, Object> health = client.toBlocking().retrieve(HttpRequest.GET("/health"), ApiSession.JSON);
        assertThat(health).containsEntry("status", "UP");

        Map<String, Object> detailed = client.toBlocking().retrieve(HttpRequest.GET("/health").bearerAuth(ops),
                ApiSession.JSON);
        Map<String, Object> details = (Map<String, Object>) detailed.get("details");
        assertThat(details).containsKeys("temporal", "jdbc");
        assertThat((Map<String, Object>) details.get("temporal")).containsEntry("status", "UP");
    }
}

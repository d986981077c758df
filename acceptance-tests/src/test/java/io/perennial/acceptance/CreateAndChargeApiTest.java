package io.perennial.acceptance;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.idempotency.IdempotencyKeys;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v1/subscriptions} with {@code "paymentBehavior":"CHARGE_NOW"}: the answer waits for the first charge
 * (update-with-start on the embedded platform's in-process Temporal), and a retry with the same Idempotency-Key
 * gets the same answer with nothing charged twice.
 */
@PlatformTest
class CreateAndChargeApiTest {

    /** The demo catalog's plan without a trial: 129.00 EUR a year. */
    private static final String NO_TRIAL = "plan_digital_yearly";

    private TestPlatform platform;
    private ApiSession api;

    private HttpResponse<Map<String, Object>> createAndCharge(String token, String key, String paymentMethod) {
        return platform.client.toBlocking().exchange(HttpRequest.POST("/v1/subscriptions", Map.of("planId", NO_TRIAL,
                "paymentMethod", paymentMethod, "paymentBehavior", "CHARGE_NOW")).bearerAuth(token)
                .header("Idempotency-Key", key), ApiSession.JSON);
    }

    @Test
    void anApprovedFirstChargeAnswersActiveWithItsInvoicePaid() {
        String customer = api.newCustomer();
        HttpResponse<Map<String, Object>> created = createAndCharge(customer, UUID.randomUUID().toString(),
                "pm_card_visa");

        assertThat(created.code()).isEqualTo(201);
        assertThat(created.body()).containsEntry("status", "ACTIVE").containsEntry("source", "workflow");
        assertThat(created.body().get("currentPeriod")).asString().contains("number=1");
        String id = (String) created.body().get("id");
        assertThat(created.header("Location")).isEqualTo("/v1/subscriptions/" + id);
        List<Map<String, Object>> invoices = api.list(customer, "/v1/subscriptions/" + id + "/invoices");
        assertThat(invoices).singleElement().satisfies(invoice -> assertThat(invoice)
                .containsEntry("status", "PAID").containsEntry("totalMinor", 12900));
    }

    @Test
    void aDeclinedFirstChargeIs402AndLeavesNothingRunning() {
        String customer = api.newCustomer();
        HttpClientResponseException declined = api.failure(() -> createAndCharge(customer,
                UUID.randomUUID().toString(), "pm_card_chargeDeclined"));

        assertThat(declined.code()).isEqualTo(402);
        Map<String, Object> problem = ApiSession.problem(declined);
        assertThat(problem).containsEntry("type", "https://perennial.dev/problems/payment-declined");
        String id = onlySubscriptionOf(customer);
        assertThat(problem.get("detail")).asString().contains(id);
        String path = "/v1/subscriptions/" + id;
        Map<String, Object> ended = api.get(customer, path);
        assertThat(ended).containsEntry("status", "CANCELED").containsEntry("cancelReason", "incomplete_expired");
        assertThat(api.list(customer, path + "/invoices")).singleElement()
                .satisfies(invoice -> assertThat(invoice).containsEntry("status", "VOID"));
        assertThat(api.list(customer, path + "/payments")).as("tried once, never retried").hasSize(1);
        assertThat(platform.bean(WorkflowClient.class).newUntypedWorkflowStub(WorkflowIds.subscription(id))
                .describe().getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    }

    @Test
    void theSameIdempotencyKeyTwiceGetsTheSameAnswerAndIsChargedOnce() {
        String customer = api.newCustomer();
        String key = UUID.randomUUID().toString();
        HttpResponse<Map<String, Object>> first = createAndCharge(customer, key, "pm_card_visa");
        HttpResponse<Map<String, Object>> again = createAndCharge(customer, key, "pm_card_visa");

        assertThat(again.code()).isEqualTo(first.code()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        String id = (String) first.body().get("id");
        assertThat(api.list(customer, "/v1/subscriptions/" + id + "/payments")).as("charged once").hasSize(1);

        String declinedKey = UUID.randomUUID().toString();
        HttpClientResponseException declined = api.failure(() -> createAndCharge(customer, declinedKey,
                "pm_card_chargeDeclined"));
        HttpClientResponseException declinedAgain = api.failure(() -> createAndCharge(customer, declinedKey,
                "pm_card_chargeDeclined"));
        assertThat(declinedAgain.code()).isEqualTo(declined.code()).isEqualTo(402);
        assertThat(ApiSession.problem(declinedAgain).get("detail")).isEqualTo(ApiSession.problem(declined).get("detail"));
        assertThat(declinedAgain.getResponse().header("Idempotent-Replayed")).isEqualTo("true");
        List<Map<String, Object>> both = subscriptionsOf(customer);
        assertThat(both).as("one per key").hasSize(2);
        String declinedId = (String) both.stream().filter(view -> !id.equals(view.get("id"))).findFirst()
                .orElseThrow().get("id");
        assertThat(api.list(customer, "/v1/subscriptions/" + declinedId + "/payments")).as("charged once").hasSize(1);
    }

    /**
     * A retry whose stored answer is gone (the first attempt died, or its key expired) runs the create again: the
     * same key derives the same workflow id, so update-with-start attaches to the running workflow (Temporal answers
     * the same Update again) or finds the ended one, and answers as the first attempt did.
     */
    @Test
    void aRetryWithoutTheStoredAnswerAttachesToTheSameWorkflowAndIsAnsweredTheSame() {
        String customer = api.newCustomer();
        String key = UUID.randomUUID().toString();
        String declinedKey = UUID.randomUUID().toString();
        HttpResponse<Map<String, Object>> first = createAndCharge(customer, key, "pm_card_visa");
        HttpClientResponseException declined = api.failure(() -> createAndCharge(customer, declinedKey,
                "pm_card_chargeDeclined"));
        platform.bean(IdempotencyKeys.class).purge(Instant.now().plusSeconds(60));

        HttpResponse<Map<String, Object>> again = createAndCharge(customer, key, "pm_card_visa");
        HttpClientResponseException declinedAgain = api.failure(() -> createAndCharge(customer, declinedKey,
                "pm_card_chargeDeclined"));

        assertThat(again.header("Idempotent-Replayed")).as("run again, not replayed").isNull();
        assertThat(again.code()).isEqualTo(201);
        assertThat(again.body()).containsEntry("id", first.body().get("id")).containsEntry("status", "ACTIVE");
        assertThat(declinedAgain.code()).isEqualTo(declined.code()).isEqualTo(402);
        assertThat(subscriptionsOf(customer)).hasSize(2);
        for (Map<String, Object> subscription : subscriptionsOf(customer)) {
            assertThat(api.list(customer, "/v1/subscriptions/" + subscription.get("id") + "/payments"))
                    .as("charged once").hasSize(1);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> subscriptionsOf(String customer) {
        return (List<Map<String, Object>>) api.get(customer, "/v1/subscriptions").get("items");
    }

    private String onlySubscriptionOf(String customer) {
        List<Map<String, Object>> mine = subscriptionsOf(customer);
        assertThat(mine).hasSize(1);
        return (String) mine.get(0).get("id");
    }

    @Test
    void aChargeTheCustomerMustAuthenticateAnswersWithTheNextAction() {
        String customer = api.newCustomer();
        HttpResponse<Map<String, Object>> created = createAndCharge(customer, UUID.randomUUID().toString(),
                "pm_card_authenticationRequired");

        assertThat(created.code()).isEqualTo(201);
        assertThat(created.body()).containsEntry("status", "PAST_DUE");
        assertThat(created.body().get("nextAction")).asString().contains("authenticate_payment");
    }

    @Test
    void aPlanWithATrialHasNothingToChargeNow() {
        String customer = api.newCustomer();
        HttpClientResponseException refused = api.failure(() -> platform.client.toBlocking().exchange(
                HttpRequest.POST("/v1/subscriptions", Map.of("planId", "plan_digital_monthly",
                        "paymentMethod", "pm_card_visa", "paymentBehavior", "CHARGE_NOW")).bearerAuth(customer),
                ApiSession.JSON));

        assertThat(refused.code()).isEqualTo(422);
        assertThat(ApiSession.problem(refused)).containsEntry("type",
                "https://perennial.dev/problems/charge-now-with-trial");
        assertThat((List<?>) api.get(customer, "/v1/subscriptions").get("items")).isEmpty();
    }
}

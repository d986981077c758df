package io.perennial.acceptance;

import com.standardwebhooks.Webhook;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbound webhooks on the embedded platform, to a receiver on this machine, verified with the Standard Webhooks
 * specification's own Java library. Moves the test clock, so it has a platform of its own.
 */
@PlatformTest(ownPlatform = true)
class WebhookDeliveryApiTest {

    private static final Duration SOON = Duration.ofSeconds(30);

    private TestPlatform platform;
    private ApiSession api;
    private WebhookReceiver receiver;
    private WebhookEventLog events;
    private String admin;

    @BeforeAll
    void startTheReceiver() throws IOException {
        receiver = new WebhookReceiver();
        events = new WebhookEventLog(platform);
        admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
    }

    @AfterAll
    void stopTheReceiver() {
        receiver.close();
    }

    private Map<String, Object> register(String url, List<String> eventTypes) {
        HttpResponse<Map<String, Object>> created = api.post(admin, "/v1/admin/webhook-endpoints",
                Map.of("url", url, "eventTypes", eventTypes, "description", "test receiver"));
        assertThat(created.code()).isEqualTo(201);
        return created.body();
    }

    private static void verified(String secret, WebhookReceiver.Received request) {
        try {
            new Webhook(secret).verify(request.body(), request.headers());
        } catch (Exception e) {
            throw new AssertionError("signature did not verify: " + request.headers(), e);
        }
    }

    private List<Map<String, Object>> deliveries(String endpointId) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) api.get(admin,
                "/v1/admin/webhook-endpoints/" + endpointId + "/deliveries").get("items");
        return items;
    }

    @Test
    void aReceiverAnswering500TwiceGetsTheEventLaterWithTheSameWebhookIdAndTheDeliveriesRouteShowsEveryAttempt() {
        // A type no other test here makes happen, so the subscription story's events never reach this endpoint.
        Map<String, Object> endpoint = register(receiver.url("/flaky", 2), List.of("purchase_order.received"));
        String secret = (String) endpoint.get("secret");
        String endpointId = (String) endpoint.get("id");
        assertThat(secret).startsWith("whsec_");

        String paid = events.log("purchase_order.received", Instant.now());
        events.log("customer.created", Instant.now());
        ApiSession.eventually(() -> receiver.at("/flaky").size(), n -> n >= 1, SOON);
        api.post(admin, "/v1/dev/clock/advance", Map.of("duration", "PT2M"));
        List<WebhookReceiver.Received> attempts = ApiSession.eventually(() -> receiver.at("/flaky"),
                got -> got.size() >= 3, SOON);

        assertThat(attempts).hasSize(3).allSatisfy(request -> {
            assertThat(request.webhookId()).isEqualTo(paid);
            assertThat(request.body()).contains("\"type\":\"purchase_order.received\"", "\"id\":\"" + paid + "\"");
            verified(secret, request);
        });
        List<Map<String, Object>> shown = ApiSession.eventually(() -> deliveries(endpointId),
                items -> !items.isEmpty() && "SUCCEEDED".equals(items.get(0).get("status")), SOON);
        assertThat(shown).singleElement().satisfies(delivery -> {
            assertThat(delivery.get("eventId")).isEqualTo(paid);
            assertThat(delivery.get("attemptCount")).isEqualTo(3);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> tried = (List<Map<String, Object>>) delivery.get("attempts");
            assertThat(tried).extracting(attempt -> attempt.get("statusCode")).containsExactly(500, 500, 200);
            assertThat(tried).extracting(attempt -> attempt.get("response"))
                    .containsExactly("busy, try later", "busy, try later", "thanks");
        });

        // The receiver lost its data: replay the window, then retry the one delivery.
        Map<String, Object> replay = api.post(admin, "/v1/admin/webhook-endpoints/" + endpointId + "/replay",
                Map.of("since", Instant.now().minus(Duration.ofHours(1)).toString(),
                        "until", Instant.now().plus(Duration.ofHours(1)).toString())).body();
        assertThat(replay.get("deliveries")).isEqualTo(1);
        ApiSession.eventually(() -> receiver.at("/flaky").size(), n -> n >= 4, SOON);
        String deliveryId = (String) shown.get(0).get("id");
        assertThat(api.post(admin, "/v1/admin/webhook-endpoints/" + endpointId + "/deliveries/" + deliveryId
                + "/retry", Map.of()).code()).isEqualTo(202);
        List<WebhookReceiver.Received> all = ApiSession.eventually(() -> receiver.at("/flaky"),
                got -> got.size() >= 5, SOON);
        assertThat(all).hasSize(5).allSatisfy(request -> {
            assertThat(request.webhookId()).isEqualTo(paid);
            verified(secret, request);
        });

        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        String metrics = platform.client.toBlocking().retrieve(HttpRequest.GET("/prometheus").bearerAuth(ops));
        assertThat(metrics).contains("perennial_webhook_attempts_total{outcome=\"delivered\"}",
                "perennial_webhook_attempts_total{outcome=\"failed\"} 2.0",
                "perennial_webhook_attempt_latency_seconds_count");
    }

    /**
     * The story: a customer subscribes to a plan with a 14-day trial; the receiver hears of the subscription
     * at once and, once the test clock has passed the trial, of the first invoice paid, each signed.
     */
    @Test
    void aCustomerSubscribingReachesTheReceiverAsSignedSubscriptionCreatedAndAfterTheTrialInvoicePaidEvents() {
        Map<String, Object> endpoint = register(receiver.url("/story", 0),
                List.of("customer.subscription.created", "invoice.paid"));
        String customer = api.newCustomer();
        String subscription = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");

        List<WebhookReceiver.Received> created = ApiSession.eventually(() -> receiver.at("/story").stream()
                        .filter(request -> request.body().contains(subscription)).toList(),
                got -> !got.isEmpty(), SOON);
        assertThat(created).singleElement().satisfies(request ->
                assertThat(request.body()).contains("\"type\":\"customer.subscription.created\"", "TRIALING"));

        api.post(admin, "/v1/dev/clock/advance", Map.of("duration", "P14DT1H"));
        List<WebhookReceiver.Received> story = ApiSession.eventually(() -> receiver.at("/story").stream()
                        .filter(request -> request.body().contains(subscription)).toList(),
                got -> got.stream().anyMatch(request -> request.body().contains("\"type\":\"invoice.paid\"")),
                SOON);
        // At least once: a delivery sent twice carries the same webhook-id, so the receiver counts it once.
        assertThat(story.stream().collect(java.util.stream.Collectors.toMap(WebhookReceiver.Received::webhookId,
                        request -> request.body().replaceAll(".*?\"type\":\"([a-z_.]+)\".*", "$1"),
                        (first, again) -> first)).values())
                .containsExactlyInAnyOrder("customer.subscription.created", "invoice.paid");
        assertThat(story).allSatisfy(request -> verified((String) endpoint.get("secret"), request));
    }

    @Test
    void adminsRegisterListUpdateRotateAndDeleteEndpointsAndEveryChangeIsAudited() {
        Map<String, Object> endpoint = register(receiver.url("/rotating", 0), List.of("*"));
        String id = (String) endpoint.get("id");
        String oldSecret = (String) endpoint.get("secret");

        assertThat(api.get(admin, "/v1/admin/webhook-endpoints/" + id)).doesNotContainKey("secret")
                .containsEntry("eventTypes", List.of("*")).containsEntry("enabled", true);
        assertThat(api.list(admin, "/v1/admin/webhook-endpoints")).anySatisfy(listed -> {
            assertThat(listed.get("id")).isEqualTo(id);
            assertThat(listed).doesNotContainKey("secret");
        });
        Map<String, Object> updated = platform.client.toBlocking().retrieve(HttpRequest.PATCH(
                "/v1/admin/webhook-endpoints/" + id, Map.of("eventTypes", List.of("invoice.paid", "order.shipped"),
                        "description", "orders and invoices")).bearerAuth(admin), ApiSession.JSON);
        assertThat(updated).containsEntry("eventTypes", List.of("invoice.paid", "order.shipped"))
                .containsEntry("description", "orders and invoices");

        Map<String, Object> rotated = api.post(admin, "/v1/admin/webhook-endpoints/" + id + "/rotate-secret",
                Map.of("overlap", "PT1H")).body();
        String newSecret = (String) rotated.get("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        assertThat(rotated.get("previousSecretExpiresAt")).isNotNull();

        // During the overlap every delivery carries both signatures: a receiver on either secret accepts it.
        String shipped = events.log("order.shipped", Instant.now());
        WebhookReceiver.Received request = ApiSession.eventually(
                () -> receiver.at("/rotating").stream().filter(r -> r.webhookId().equals(shipped)).findFirst(),
                java.util.Optional::isPresent, SOON).orElseThrow();
        verified(oldSecret, request);
        verified(newSecret, request);

        HttpResponse<?> deleted = platform.client.toBlocking().exchange(
                HttpRequest.DELETE("/v1/admin/webhook-endpoints/" + id).bearerAuth(admin));
        assertThat(deleted.code()).isEqualTo(204);
        assertThat(api.failure(() -> api.get(admin, "/v1/admin/webhook-endpoints/" + id)).code()).isEqualTo(404);
        assertThat(events.auditRows("webhook-endpoint:" + id)).isEqualTo(4);
    }

    @Test
    void unknownEventTypesInternalAddressesAndNonAdminsAreRefusedWithProblems() {
        HttpClientResponseException unknownType = api.failure(() -> api.post(admin, "/v1/admin/webhook-endpoints",
                Map.of("url", receiver.url("/x", 0), "eventTypes", List.of("invoice.teleported"))));
        assertThat(unknownType.code()).isEqualTo(400);
        assertThat(ApiSession.problem(unknownType).toString()).contains("/eventTypes", "invoice.teleported");

        HttpClientResponseException metadata = api.failure(() -> api.post(admin, "/v1/admin/webhook-endpoints",
                Map.of("url", "http://169.254.169.254/latest/meta-data", "eventTypes", List.of("*"))));
        assertThat(metadata.code()).isEqualTo(400);
        assertThat(ApiSession.problem(metadata).toString()).contains("/url");

        HttpClientResponseException privateHttps = api.failure(() -> api.post(admin, "/v1/admin/webhook-endpoints",
                Map.of("url", "https://10.0.0.7/hooks", "eventTypes", List.of("*"))));
        assertThat(ApiSession.problem(privateHttps).toString()).contains("a private address");

        String customer = api.newCustomer();
        assertThat(api.failure(() -> api.post(customer, "/v1/admin/webhook-endpoints",
                Map.of("url", receiver.url("/x", 0), "eventTypes", List.of("*")))).code()).isEqualTo(403);
        assertThat(api.failure(() -> api.get(admin, "/v1/admin/webhook-endpoints/we_missing/deliveries")).code())
                .isEqualTo(404);
    }
}

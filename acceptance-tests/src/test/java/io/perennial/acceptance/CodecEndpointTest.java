package io.perennial.acceptance;

import com.google.protobuf.util.JsonFormat;
import io.micronaut.http.HttpResponse;
import io.perennial.launcher.DemoAccounts;
import io.perennial.temporal.codec.AesGcmPayloadCodec;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Temporal holds only ciphertext, and the codec endpoint gives staff, and only staff, the plain text the Temporal
 * UI shows: with a bearer token, or from the browser with the codec session cookie and CORS for the UI's origin.
 */
@PlatformTest
class CodecEndpointTest {

    private static final String UI_ORIGIN = "http://localhost:8233";

    private TestPlatform platform;
    private ApiSession api;
    private URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private Payload startInput;
    private String customerToken;
    private String opsToken;

    @BeforeAll
    void aSubscriptionIsRunning() throws Exception {
        base = platform.baseUrl();
        customerToken = api.newCustomer();
        opsToken = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        HttpResponse<Map<String, Object>> created = api.post(customerToken, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa"));
        String workflowId = "subscription-" + created.body().get("id");

        // Read the history as anyone with access to the Temporal server would: without the key.
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(platform.stack.temporalTarget()).build());
        try {
            HistoryEvent started = WorkflowClient.newInstance(stubs).fetchHistory(workflowId).getEvents().get(0);
            startInput = started.getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
        } finally {
            stubs.shutdown();
        }
    }

    @Test
    void theTemporalServerHoldsTheSubscriptionsStartOnlyAsCiphertextUnderANamedKey() {
        assertThat(startInput.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo(AesGcmPayloadCodec.ENCODING);
        assertThat(startInput.getMetadataMap().get(AesGcmPayloadCodec.METADATA_KEY_ID).toStringUtf8())
                .isEqualTo("embedded");
        assertThat(startInput.getData().toString(StandardCharsets.ISO_8859_1))
                .doesNotContain("pm_card_visa", "plan_digital_monthly");
    }

    @Test
    void opsStaffGetThePlainPayloadBackWithABearerToken() throws Exception {
        var answer = post("/v1/ops/codec/decode", payloadsJson(), Map.of("Authorization", "Bearer " + opsToken));

        assertThat(answer.statusCode()).isEqualTo(200);
        Payload decoded = payloads(answer.body()).getPayloads(0);
        assertThat(decoded.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo("json/plain");
        assertThat(decoded.getData().toStringUtf8()).contains("\"paymentMethod\":\"pm_card_visa\"")
                .contains("plan_digital_monthly");
    }

    @Test
    void customersAndAnonymousCallersCannotDecode() throws Exception {
        assertThat(post("/v1/ops/codec/decode", payloadsJson(), Map.of("Authorization", "Bearer " + customerToken))
                .statusCode()).isEqualTo(403);
        assertThat(post("/v1/ops/codec/decode", payloadsJson(), Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void encodeThenDecodeGivesBackWhatWasSent() throws Exception {
        String plain = "{\"payloads\":[{\"metadata\":{\"encoding\":\"anNvbi9wbGFpbg==\"},\"data\":\"IkFkYSI=\"}]}";
        var encoded = post("/v1/ops/codec/encode", plain, Map.of("Authorization", "Bearer " + opsToken));
        assertThat(encoded.statusCode()).isEqualTo(200);
        assertThat(payloads(encoded.body()).getPayloads(0).getMetadataMap().get("encoding").toStringUtf8())
                .isEqualTo(AesGcmPayloadCodec.ENCODING);

        var decoded = post("/v1/ops/codec/decode", encoded.body(), Map.of("Authorization", "Bearer " + opsToken));
        assertThat(payloads(decoded.body()).getPayloads(0).getData().toStringUtf8()).isEqualTo("\"Ada\"");
    }

    @Test
    void anotherNamespaceOrABodyThatIsNotPayloadsIsAProblemNotAnError() throws Exception {
        var otherNamespace = post("/v1/ops/codec/decode", payloadsJson(),
                Map.of("Authorization", "Bearer " + opsToken, "X-Namespace", "billing-elsewhere"));
        assertThat(otherNamespace.statusCode()).isEqualTo(400);
        assertThat(otherNamespace.body()).contains("/problems/codec-request").contains("billing-elsewhere");

        var garbage = post("/v1/ops/codec/decode", "{\"payloads\": 7}", Map.of("Authorization", "Bearer " + opsToken));
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("/problems/codec-request");
    }

    @Test
    void staffSignInOnceAndTheBrowserSendsAStrictHttpOnlyCookieThatOnlyTheCodecAccepts() throws Exception {
        var signIn = form(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        assertThat(signIn.statusCode()).isEqualTo(200);
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("perennial_codec_session=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("Secure").containsIgnoringCase("SameSite=Strict")
                .containsIgnoringCase("Path=/v1/ops/codec");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        var decoded = post("/v1/ops/codec/decode", payloadsJson(), Map.of("Cookie", cookie, "Origin", UI_ORIGIN,
                "X-Namespace", "default"));
        assertThat(decoded.statusCode()).isEqualTo(200);
        assertThat(decoded.headers().firstValue("Access-Control-Allow-Origin")).contains(UI_ORIGIN);
        assertThat(decoded.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        assertThat(payloads(decoded.body()).getPayloads(0).getData().toStringUtf8()).contains("pm_card_visa");

        // The same cookie is no credential anywhere else in the API.
        var elsewhere = http.send(HttpRequest.newBuilder(base.resolve("/v1/ops/renewals/failed"))
                .header("Cookie", cookie).GET().build(), BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(401);
    }

    @Test
    void aCustomerOrAWrongPasswordGetsNoCodecSession() throws Exception {
        var wrong = form(DemoAccounts.OPS_EMAIL, "not-the-password");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

        String email = "shopper-" + System.nanoTime() + "@example.com";
        api.post(null, "/v1/auth/register", Map.of("email", email, "password", "correct-horse-battery",
                "name", "Shopper"));
        var customer = form(email, "correct-horse-battery");
        assertThat(customer.statusCode()).isEqualTo(403);
        assertThat(customer.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void onlyTheConfiguredTemporalUiOriginPassesTheCorsPreflight() throws Exception {
        var fromUi = preflight(UI_ORIGIN);
        assertThat(fromUi.headers().firstValue("Access-Control-Allow-Origin")).contains(UI_ORIGIN);
        assertThat(fromUi.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        assertThat(String.join(",", fromUi.headers().allValues("Access-Control-Allow-Headers")).toLowerCase())
                .contains("x-namespace");

        var fromElsewhere = preflight("https://evil.example");
        assertThat(fromElsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private java.net.http.HttpResponse<String> preflight(String origin) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve("/v1/ops/codec/decode"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-namespace")
                .build(), BodyHandlers.ofString());
    }

    private java.net.http.HttpResponse<String> form(String email, String password)
            throws IOException, InterruptedException {
        String body = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(base.resolve("/v1/ops/codec/session"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
    }

    private java.net.http.HttpResponse<String> post(String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private String payloadsJson() throws IOException {
        return JsonFormat.printer().print(Payloads.newBuilder().addPayloads(startInput).build());
    }

    private static Payloads payloads(String json) throws IOException {
        Payloads.Builder payloads = Payloads.newBuilder();
        JsonFormat.parser().merge(json, payloads);
        return payloads.build();
    }
}

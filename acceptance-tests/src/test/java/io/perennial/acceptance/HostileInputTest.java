package io.perennial.acceptance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.perennial.acceptance.RawHttp.Answer;
import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that got through the contract's edges when the API was probed from outside, each a 500 or worse before:
 * unpaired UTF-16 surrogates (an order workflow whose record step retried for ever), JSON nested 100,000 deep
 * (a stack overflow), an empty clock advance, loose coercion of booleans and numbers, internal class names in
 * answers, and the headers every answer must carry.
 */
@PlatformTest
class HostileInputTest {

    private static final String PROBLEMS = "https://perennial.dev/problems/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ADDRESS_FIELDS = List.of("recipient", "line1", "line2", "city", "postalCode");

    private TestPlatform platform;
    private ApiSession api;
    private RawHttp raw;
    private String admin;

    @BeforeAll
    void start() {
        admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
    }

    // ---- unpaired surrogates --------------------------------------------------------------------------------

    @Test
    void anUnpairedSurrogateInAnyAddressFieldOfAnOrderIsA400NamingTheFieldAndNoOrderStarts() {
        String customer = api.newCustomer();
        for (String field : ADDRESS_FIELDS) {
            for (String lone : List.of("\\ud800", "\\udfff", "x\\ud83d")) {
                Answer answer = raw.call(customer, "POST", "/v1/orders", order(field, "Ada " + lone));
                String what = field + " with " + lone;
                assertProblem(answer, 400, "validation");
                assertThat(answer.errors()).as(what).extracting(error -> error.get("pointer"))
                        .containsExactly("/shippingAddress/" + field);
                assertThat(answer.body()).as(what).contains("unpaired UTF-16 surrogate");
            }
        }
        assertThat((List<?>) api.get(customer, "/v1/orders").get("items")).as("no order was started").isEmpty();

        // A pair is a character like any other (here 😀): taken and stored as sent.
        Answer paired = raw.call(customer, "POST", "/v1/orders", order("recipient", "Ada \\ud83d\\ude00"));
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        assertThat(paired.json().get("shippingAddress")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("recipient", "Ada \uD83D\uDE00");
    }

    @Test
    void anUnpairedSurrogateInASubscriptionsNewShippingAddressIsA400() {
        String customer = api.newCustomer();
        for (String field : ADDRESS_FIELDS) {
            Answer answer = raw.call(customer, "PUT", "/v1/subscriptions/" + UUID.randomUUID() + "/shipping-address",
                    address(field, "Ada \\ud800"));
            assertProblem(answer, 400, "validation");
            assertThat(answer.errors()).extracting(error -> error.get("pointer")).containsExactly("/" + field);
        }
    }

    // ---- nesting --------------------------------------------------------------------------------------------

    @Test
    void jsonNestedDeeperThanTheLimitIsA400OnEveryRouteIncludingTheCodec() {
        String deepArray = "[".repeat(100_000) + "]".repeat(100_000);
        String deepObject = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        String customer = api.newCustomer();
        for (String body : List.of(deepArray, "{\"payloads\":" + deepArray + "}", deepObject)) {
            for (String path : List.of("/v1/ops/codec/decode", "/v1/ops/codec/encode")) {
                Answer answer = raw.call(admin, "POST", path, body);
                assertProblem(answer, 400, "codec-request");
                assertThat(answer.json().get("detail")).as(path)
                        .isEqualTo(io.perennial.api.json.JsonNesting.TOO_DEEP);
            }
            // Bodies read into records stop at the first token that does not fit.
            assertThat(raw.call(admin, "POST", "/v1/admin/coupons", body).status()).isEqualTo(400);
            assertThat(raw.call(customer, "POST", "/v1/subscriptions", body).status()).isEqualTo(400);
        }
        // Ordinary nesting still works.
        Answer shallow = raw.call(admin, "POST", "/v1/ops/codec/decode", "{\"payloads\":[]}");
        assertThat(shallow.status()).as(shallow.body()).isEqualTo(200);
    }

    // ---- the rest -------------------------------------------------------------------------------------------

    @Test
    void anEmptyClockAdvanceIsA400NamingTheDuration() {
        Answer answer = raw.call(admin, "POST", "/v1/dev/clock/advance", "{}");
        assertProblem(answer, 400, "validation");
        assertThat(answer.errors()).extracting(error -> error.get("pointer")).containsExactly("/duration");
    }

    @Test
    void aWrongEnumValueSaysWhichValuesAreAllowedAndNamesNoJavaType() {
        String customer = api.newCustomer();
        Answer query = raw.call(customer, "GET", "/v1/subscriptions?status=SOMETIME", null);
        assertProblem(query, 400, "validation");
        assertThat(query.body()).contains("ACTIVE", "CANCELED").doesNotContain("io.perennial", "enum constant");

        Answer body = raw.call(customer, "POST", "/v1/subscriptions/" + UUID.randomUUID() + "/pause",
                "{\"timing\":\"SOMETIME\"}");
        assertProblem(body, 400, "validation");
        assertThat(body.body()).contains("IMMEDIATELY").doesNotContain("io.perennial", "enum constant");
    }

    @Test
    void aBooleanIsNoNumberAndTextIsNoBoolean() {
        String customer = api.newCustomer();
        Answer number = raw.call(customer, "POST", "/v1/orders",
                "{\"lines\":[{\"sku\":\"" + DemoStock.SKU + "\",\"quantity\":true}],\"shippingAddress\":"
                        + address("recipient", "Ada") + ",\"paymentMethod\":\"pm_card_visa\"}");
        assertProblem(number, 400, "validation");
        assertThat(number.errors()).extracting(error -> error.get("pointer")).containsExactly("/lines/0/quantity");

        Answer bool = raw.call(customer, "POST", "/v1/subscriptions/" + UUID.randomUUID() + "/cancel",
                "{\"refundUnused\":\"AAA\"}");
        assertProblem(bool, 400, "validation");
        assertThat(bool.errors()).extracting(error -> error.get("pointer")).containsExactly("/refundUnused");
        assertThat((List<?>) api.get(customer, "/v1/orders").get("items")).isEmpty();

        // A primitive int field too.
        Answer primitive = raw.call(admin, "POST", "/v1/admin/skus", "{\"sku\":\"STRICT-1\",\"productId\":\"p\","
                + "\"name\":\"n\",\"initialOnHand\":true,\"reorderPoint\":1,\"reorderQuantity\":1,"
                + "\"preferredSupplierId\":\"s\"}");
        assertProblem(primitive, 400, "validation");
        assertThat(primitive.errors()).extracting(error -> error.get("pointer")).containsExactly("/initialOnHand");
    }

    @Test
    void everyAnswerSaysNoSniffAndTokenAnswersAreNeverCached() {
        String email = "nosniff-" + UUID.randomUUID() + "@example.com";
        Answer registered = raw.call(null, "POST", "/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"correct-horse-battery\",\"name\":\"N\"}");
        Answer login = raw.call(null, "POST", "/v1/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"correct-horse-battery\"}");
        Answer refresh = raw.call(null, "POST", "/v1/auth/refresh",
                "{\"refreshToken\":\"" + login.json().get("refreshToken") + "\"}");
        Answer failedLogin = raw.call(null, "POST", "/v1/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"not-the-password\"}");
        Answer codecSignIn = raw.call(null, "GET", "/v1/ops/codec/session", null);
        for (Answer tokens : List.of(login, refresh, codecSignIn)) {
            assertThat(tokens.status()).isEqualTo(200);
            assertThat(tokens.response().header("Cache-Control")).isEqualTo("no-store");
        }
        for (Answer any : List.of(registered, login, refresh, failedLogin, raw.call(null, "GET", "/v1/plans", null),
                raw.call(null, "GET", "/v1/nothing-here", null), raw.call(null, "GET", "/health", null),
                raw.call(admin, "POST", "/v1/ops/codec/decode", "{\"payloads\":[]}"))) {
            assertThat(any.response().header("X-Content-Type-Options")).as(any.body()).isEqualTo("nosniff");
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** An order body whose address has {@code value} (raw JSON string content, escapes allowed) in {@code field}. */
    private static String order(String field, String value) {
        return "{\"lines\":[{\"sku\":\"" + DemoStock.SKU + "\",\"quantity\":1}],\"shippingAddress\":"
                + address(field, value) + ",\"paymentMethod\":\"pm_card_visa\"}";
    }

    private static String address(String field, String value) {
        Map<String, String> address = new java.util.LinkedHashMap<>(Map.of("recipient", "Ada Lovelace",
                "line1", "Keizersgracht 1", "city", "Amsterdam", "postalCode", "1015 CJ", "countryCode", "NL"));
        address.put(field, "@@");
        try {
            return JSON.writeValueAsString(address).replace("@@", value);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertProblem(Answer answer, int status, String kind) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.body()).isEqualTo("application/problem+json");
        assertThat(answer.json()).as(answer.body()).containsEntry("type", PROBLEMS + kind);
    }
}

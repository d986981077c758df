package io.perennial.acceptance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.perennial.customer.CustomerRepository;
import io.perennial.acceptance.RawHttp.Answer;
import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's edges on the embedded platform: the OpenAPI document and its UI, bodies that are too large, not
 * JSON, not declared as JSON or carry fields the contract does not have (mass assignment), hostile strings in
 * every string field and query parameter, and responses that hold nothing they should not. Every error is an
 * {@code application/problem+json} document without a stack trace.
 */
@PlatformTest
class ContractEdgesTest {

    private static final String PROBLEMS = "https://perennial.dev/problems/";
    /** Escapes what is not ASCII, so an unpaired surrogate reaches the API as the JSON escape a client sends. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature(), true);
    private static final String LONE_SURROGATE = "lone\ud800surrogate";
    private static final List<String> HOSTILE = List.of("' OR 1=1--", "'; DROP TABLE customers;--", "x".repeat(10_000),
            "nul\u0000byte", LONE_SURROGATE);

    private TestPlatform platform;
    private ApiSession api;
    private RawHttp raw;
    private BlockingHttpClient http;
    private Map<String, Object> document;
    private String admin;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start() throws Exception {
        http = platform.client.toBlocking();
        document = new ObjectMapper(new YAMLFactory()).readValue(
                http.retrieve(HttpRequest.GET("/openapi/perennial.yml"), String.class), Map.class);
        admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
    }

    @Test
    void theDocumentAndItsUiAreServedToAnyoneAndTheUiLoadsNothingFromTheInternet() {
        Answer yaml = raw.call(null, "GET", "/openapi/perennial.yml", null, null);
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.body()).startsWith("openapi: 3.");
        // Descriptions hold non-ASCII text ("×", "—"): without a declared charset Schemathesis misread the document.
        assertThat(http.exchange(HttpRequest.GET("/openapi/perennial.yml"), String.class).getHeaders()
                .get("Content-Type")).isEqualToIgnoringWhitespace("application/yaml;charset=utf-8");

        Answer page = raw.call(null, "GET", "/openapi/ui/index.html", null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html");
        assertThat(page.body()).contains("'/openapi/perennial.yml'", "\"/openapi/ui/res/swagger-ui-bundle.js\"")
                .doesNotContain("cdn", "unpkg", "jsdelivr", "src=\"http", "href=\"http");
        for (String asset : List.of("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css")) {
            Answer served = raw.call(null, "GET", "/openapi/ui/res/" + asset, null, null);
            assertThat(served.status()).as(asset).isEqualTo(200);
            assertThat(served.body().length()).as(asset).isGreaterThan(10_000);
        }
    }

    @Test
    void theDocumentSaysWhatTheApiAnswersOnSuccess() {
        assertThat(successes("post", "/v1/auth/register")).containsExactly("201");
        // 202: a CHARGE_NOW create whose first charge waits for a risk review.
        assertThat(successes("post", "/v1/subscriptions")).containsExactly("201", "202");
        assertThat(successes("post", "/v1/admin/products")).containsExactly("201");
        assertThat(successes("post", "/v1/admin/plans")).containsExactly("201");
        assertThat(successes("post", "/v1/admin/plans/{planId}/versions")).containsExactly("201");
        assertThat(successes("post", "/v1/admin/coupons")).containsExactly("201");
        assertThat(successes("post", "/v1/ops/renewals/retry")).containsExactly("202");
        assertThat(successes("post", "/v1/ops/renewals/{subscriptionId}/retry")).containsExactly("202");
        assertThat(successes("put", "/v1/subscriptions/{id}/payment-method")).containsExactly("202");
        assertThat(successes("delete", "/v1/admin/plans/{planId}")).containsExactly("204");
        assertThat(successes("delete", "/v1/admin/coupons/{code}")).containsExactly("204");
        assertThat(successes("delete", "/v1/admin/add-ons/{code}")).containsExactly("204");
        assertThat(successes("put", "/v1/admin/add-ons/{code}/prices")).containsExactly("200");
        assertThat(successes("post", "/v1/auth/login")).containsExactly("200");
        assertThat(successes("post", "/v1/orders")).containsExactly("201");
        assertThat(successes("post", "/v1/orders/{id}/cancel")).containsExactly("202");
        assertThat(successes("put", "/v1/orders/{id}/address")).containsExactly("200");
        assertThat(successes("post", "/v1/webhooks/carrier")).containsExactly("200");

        // ...and it does: a subscription is created (201) and a payment-method change accepted (202).
        String customer = api.newCustomer();
        HttpResponse<Map<String, Object>> created = api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa"));
        assertThat(created.code()).isEqualTo(201);
        assertThat(api.put(customer, "/v1/subscriptions/" + created.body().get("id") + "/payment-method",
                Map.of("paymentMethod", "pm_card_mastercard")).code()).isEqualTo(202);
    }

    @SuppressWarnings("unchecked")
    private List<String> successes(String method, String path) {
        Map<String, Object> operation = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                document.get("paths")).get(path)).get(method);
        return ((Map<String, Object>) operation.get("responses")).keySet().stream()
                .filter(status -> status.startsWith("2")).toList();
    }

    @Test
    void aBodyOverOneMegabyteIs413() {
        String huge = "{\"email\":\"big@example.com\",\"password\":\"correct-horse-battery\",\"name\":\""
                + "x".repeat(1_100_000) + "\"}";
        assertProblem(raw.call(null, "POST", "/v1/auth/register", MediaType.APPLICATION_JSON, huge), 413,
                "payload-too-large");
    }

    @Test
    void aBodyThatIsNotJsonIs400AndOneNotDeclaredAsJsonIs415() {
        assertProblem(raw.call(null, "POST", "/v1/auth/register", MediaType.APPLICATION_JSON, "{\"email\": "), 400,
                "malformed-json");
        assertProblem(raw.call(null, "POST", "/v1/auth/register", MediaType.APPLICATION_JSON, "email=a@example.com"),
                400, "malformed-json");
        // JSON, but not an object: a body of the wrong shape.
        assertProblem(raw.call(null, "POST", "/v1/auth/register", MediaType.APPLICATION_JSON, "[1, 2]"), 400,
                "validation");
        assertProblem(raw.call(null, "POST", "/v1/auth/register", MediaType.TEXT_PLAIN,
                "{\"email\":\"a@example.com\",\"password\":\"correct-horse-battery\",\"name\":\"A\"}"), 415,
                "unsupported-media-type");
        assertProblem(raw.call(null, "POST", "/v1/auth/login", MediaType.APPLICATION_FORM_URLENCODED,
                "email=a%40example.com&password=x"), 415, "unsupported-media-type");
    }

    @Test
    void anUnknownFieldIs400NamingTheField() {
        Answer answer = raw.call(null, "POST", "/v1/auth/register", MediaType.APPLICATION_JSON,
                "{\"email\":\"" + UUID.randomUUID() + "@example.com\",\"password\":\"correct-horse-battery\","
                        + "\"name\":\"A\",\"nickname\":\"Ada\"}");
        assertProblem(answer, 400, "validation");
        assertThat(pointers(answer)).containsExactly("/nickname");
    }

    /** Found by Schemathesis: rules spanning fields were left to the database's check constraints, a 500. */
    @Test
    void aCouponBreakingARuleThatSpansFieldsIs400NamingTheField() {
        Map<String, Object> percent = Map.of("name", "Rules", "percentOffBasisPoints", 1000, "duration", "ONCE");
        Map<String, Object> amount = Map.of("name", "Rules", "amountOffMinor", 500, "currency", "EUR",
                "duration", "ONCE");
        rejectsField(admin, "POST", "/v1/admin/coupons", with(percent, "code", "R" + suffix()),
                "amountOffMinor", 1);
        rejectsField(admin, "POST", "/v1/admin/coupons", with(percent, "code", "R" + suffix()),
                "durationPeriods", 3);
        rejectsField(admin, "POST", "/v1/admin/coupons", with(amount, "code", "R" + suffix()),
                "currency", "AAA");
        rejectsField(admin, "POST", "/v1/admin/coupons", with(percent, "code", "R" + suffix()),
                "expiresAt", "1970-01-01T00:00:00Z");
        Map<String, Object> repeating = with(with(percent, "code", "R" + suffix()), "duration", "REPEATING");
        rejectsField(admin, "POST", "/v1/admin/coupons", repeating, "durationPeriods", null);
        Map<String, Object> noCurrency = new LinkedHashMap<>(with(amount, "code", "R" + suffix()));
        noCurrency.remove("currency");
        rejectsField(admin, "POST", "/v1/admin/coupons", noCurrency, "currency", null);
        // The same coupons, made consistent, are created.
        assertThat(raw.call(admin, "POST", "/v1/admin/coupons", MediaType.APPLICATION_JSON,
                json(with(with(repeating, "durationPeriods", 3), "code", "R" + suffix()))).status()).isEqualTo(201);
        assertThat(raw.call(admin, "POST", "/v1/admin/coupons", MediaType.APPLICATION_JSON,
                json(with(amount, "code", "R" + suffix()))).status()).isEqualTo(201);
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    @Test
    void clientsCannotSetRolesOwnersStatusPricesOrIds() {
        String email = "mass-" + UUID.randomUUID() + "@example.com";
        Map<String, Object> registration = Map.of("email", email, "password", "correct-horse-battery", "name", "M");
        for (String field : List.of("role", "id", "customerId", "userId", "passwordHash", "referralCode")) {
            rejectsField(null, "POST", "/v1/auth/register", registration, field, "ADMIN");
        }
        // Nothing was registered along the way.
        assertThat(raw.call(null, "POST", "/v1/auth/login", MediaType.APPLICATION_JSON,
                json(Map.of("email", email, "password", "correct-horse-battery"))).status()).isEqualTo(401);
        Map<String, Object> me = api.get(register(registration), "/v1/customers/me");
        assertThat(me).containsOnlyKeys("customerId", "email", "name", "referralCode");

        String customer = api.newCustomer();
        Map<String, Object> subscription = Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa");
        for (String field : List.of("status", "customerId", "ownerId", "amountMinor", "price", "id", "planVersion",
                "trialEnd")) {
            rejectsField(customer, "POST", "/v1/subscriptions", subscription, field, "ACTIVE");
        }
        assertThat(api.get(customer, "/v1/subscriptions").get("items")).isEqualTo(List.of());
        String id = (String) api.post(customer, "/v1/subscriptions", subscription).body().get("id");
        rejectsField(customer, "POST", "/v1/subscriptions/" + id + "/plan-change",
                Map.of("planId", "plan_digital_yearly"), "amountMinor", 1);
        rejectsField(customer, "POST", "/v1/subscriptions/" + id + "/cancel", Map.of(), "status", "CANCELED");
        rejectsField(customer, "PUT", "/v1/subscriptions/" + id + "/payment-method",
                Map.of("paymentMethod", "pm_card_visa"), "customerId", UUID.randomUUID().toString());
        assertThat(api.get(customer, "/v1/subscriptions/" + id)).containsEntry("planId", "plan_digital_monthly")
                .containsEntry("amountMinor", 1299).containsEntry("status", "TRIALING")
                .containsEntry("cancelAtPeriodEnd", false);

        // An order's price comes from the SKUs on our side: a client cannot send one, per order or per line.
        Map<String, Object> order = Map.of("lines", List.of(Map.of("sku", DemoStock.SKU, "quantity", 1)),
                "shippingAddress", Map.of("recipient", "M", "line1", "Damrak 1", "city", "Amsterdam",
                        "postalCode", "1012 LG", "countryCode", "NL"), "paymentMethod", "pm_card_visa");
        for (String field : List.of("amountMinor", "currency", "status", "customerId", "id", "price")) {
            rejectsField(customer, "POST", "/v1/orders", order, field, "1");
        }
        assertProblem(raw.call(customer, "POST", "/v1/orders", MediaType.APPLICATION_JSON, json(Map.of("lines",
                List.of(Map.of("sku", DemoStock.SKU, "quantity", 1, "unitPriceMinor", 1)), "shippingAddress",
                order.get("shippingAddress"), "paymentMethod", "pm_card_visa"))), 400, "validation");
        assertThat(api.get(customer, "/v1/orders").get("items")).isEqualTo(List.of());
        Map<String, Object> placed = api.post(customer, "/v1/orders", order).body();
        assertThat(placed).containsEntry("amountMinor", (int) DemoStock.UNIT_PRICE_MINOR);
        assertDeclared("OrderView", placed);
        assertThat(placed.keySet()).noneMatch(key -> key.toLowerCase().matches(
                ".*(workflow|runid|idempotency|card|paymentmethod|label).*"));

        rejectsField(admin, "POST", "/v1/admin/coupons", Map.of("code", "MASS" + suffix(), "name", "Mass",
                "percentOffBasisPoints", 1000, "duration", "ONCE"), "timesRedeemed", -1000);
        rejectsField(admin, "POST", "/v1/admin/plans", Map.of("id", "plan_mass_" + suffix(),
                "productId", "prod_digital", "name", "Mass", "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 100))), "version", 7);
    }

    private void rejectsField(String token, String method, String path, Map<String, Object> valid, String field,
                              Object value) {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        body.put(field, value);
        Answer answer = raw.call(token, method, path, MediaType.APPLICATION_JSON, json(body));
        assertProblem(answer, 400, "validation");
        assertThat(pointers(answer)).as(method + " " + path + " with " + field).contains("/" + field);
    }

    @Test
    void responsesHoldOnlyWhatTheDocumentDeclaresAndNoSecrets() {
        String email = "views-" + UUID.randomUUID() + "@example.com";
        Map<String, Object> registered = raw.call(null, "POST", "/v1/auth/register", MediaType.APPLICATION_JSON,
                json(Map.of("email", email, "password", "correct-horse-battery", "name", "V"))).json();
        Map<String, Object> token = raw.call(null, "POST", "/v1/auth/login", MediaType.APPLICATION_JSON,
                json(Map.of("email", email, "password", "correct-horse-battery"))).json();
        String customer = (String) token.get("accessToken");
        String id = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_yearly", "paymentMethod", "pm_card_visa")).body().get("id");
        Map<String, Object> invoice = ApiSession.eventually(() -> api.list(customer, "/v1/subscriptions/" + id
                + "/invoices"), invoices -> !invoices.isEmpty(), Duration.ofSeconds(10)).get(0);
        Map<String, Object> payment = ApiSession.eventually(() -> api.list(customer, "/v1/subscriptions/" + id
                + "/payments"), payments -> !payments.isEmpty(), Duration.ofSeconds(10)).get(0);

        assertDeclared("CustomerView", registered);
        assertDeclared("CustomerView", api.get(customer, "/v1/customers/me"));
        assertDeclared("TokenResponse", token);
        assertDeclared("SubscriptionView", api.get(customer, "/v1/subscriptions/" + id));
        assertDeclared("InvoiceView", invoice);
        assertDeclared("PaymentView", payment);
        for (Map<String, Object> view : List.of(registered, api.get(customer, "/v1/customers/me"),
                api.get(customer, "/v1/subscriptions/" + id), invoice, payment)) {
            assertThat(view.keySet()).noneMatch(key -> key.toLowerCase().matches(
                    ".*(password|hash|secret|token|workflow|runid|idempotency|card|paymentmethod).*"));
            assertThat(json(view)).doesNotContain("correct-horse-battery", "$2a$", "$2b$", "$2y$", customer);
        }
    }

    @SuppressWarnings("unchecked")
    private void assertDeclared(String schema, Map<String, Object> view) {
        Map<String, Object> declared = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                ((Map<String, Object>) document.get("components")).get("schemas")).get(schema)).get("properties");
        assertThat(declared.keySet()).as(schema).containsAll(view.keySet());
        assertThat(view.keySet()).as(schema + " required").containsAll(
                (List<String>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                        document.get("components")).get("schemas")).get(schema)).getOrDefault("required", List.of()));
    }

    @Test
    void hostileStringsInEveryStringFieldAreAClientErrorOrStoredVerbatimAndTheDatabaseIsIntact() {
        String customer = api.newCustomer();
        Map<String, Map<String, Object>> bodies = new LinkedHashMap<>();
        bodies.put("POST /v1/auth/register", Map.of("email", "h-" + suffix() + "@example.com",
                "password", "correct-horse-battery", "name", "H"));
        bodies.put("POST /v1/auth/login", Map.of("email", "nobody-" + suffix() + "@example.com",
                "password", "correct-horse-battery"));
        bodies.put("POST /v1/subscriptions", Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa",
                "couponCode", "WELCOME", "referralCode", "FRIEND", "currency", "EUR"));
        bodies.put("POST /v1/orders", Map.of("lines", List.of(Map.of("sku", "NO-SUCH-SKU", "quantity", 1)),
                "shippingAddress", Map.of("recipient", "H", "line1", "x", "city", "y", "postalCode", "1",
                        "countryCode", "NL"), "paymentMethod", "pm_card_visa"));
        bodies.put("PUT /v1/orders/" + UUID.randomUUID() + "/address", Map.of("recipient", "H", "line1", "x",
                "city", "y", "postalCode", "1", "countryCode", "NL"));
        bodies.put("PUT /v1/subscriptions/" + UUID.randomUUID() + "/shipping-address", Map.of("recipient", "H",
                "line1", "x", "line2", "z", "city", "y", "postalCode", "1", "countryCode", "NL"));
        bodies.put("POST /v1/admin/coupons", Map.of("code", "H" + suffix(), "name", "Hostile",
                "amountOffMinor", 100, "currency", "EUR", "duration", "ONCE"));
        bodies.put("POST /v1/admin/products", Map.of("id", "prod-h-" + suffix(), "name", "Hostile",
                "description", "d", "kind", "DIGITAL"));
        bodies.put("POST /v1/admin/plans", Map.of("id", "plan-h-" + suffix(), "productId", "prod_digital",
                "name", "Hostile", "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 100))));
        bodies.put("POST /v1/admin/suppliers", Map.of("id", "sup-h-" + suffix().toLowerCase(), "name", "Hostile",
                "leadTime", "P5D"));
        bodies.put("POST /v1/admin/users", Map.of("email", "staff-h-" + suffix() + "@example.com",
                "password", "a-long-staff-passphrase", "role", "OPS"));
        bodies.put("POST /v1/payment-methods", Map.of("token", "pm_card_visa", "label", "Hostile"));
        bodies.put("PUT /v1/ops/gateway/outage", Map.of("mode", "NONE", "note", "hostile"));

        for (Map.Entry<String, Map<String, Object>> entry : bodies.entrySet()) {
            String method = entry.getKey().substring(0, entry.getKey().indexOf(' '));
            String path = entry.getKey().substring(entry.getKey().indexOf(' ') + 1);
            String token = path.startsWith("/v1/admin/") || path.startsWith("/v1/ops/") ? admin
                    : path.startsWith("/v1/auth/") ? null : customer;
            for (Map.Entry<String, Object> field : entry.getValue().entrySet()) {
                if (!(field.getValue() instanceof String)) {
                    continue;
                }
                for (String hostile : HOSTILE) {
                    Map<String, Object> body = new LinkedHashMap<>(entry.getValue());
                    if (path.equals("/v1/auth/register") || path.equals("/v1/admin/users")) {
                        body.put("email", "h-" + suffix() + "@example.com");
                    }
                    if (path.equals("/v1/admin/suppliers")) {
                        body.put("id", "sup-h-" + suffix().toLowerCase());
                    }
                    body.put(field.getKey(), hostile);
                    Answer answer = raw.call(token, method, path, MediaType.APPLICATION_JSON, json(body));
                    String what = entry.getKey() + " with " + field.getKey() + "=" + abbreviate(hostile);
                    assertThat(answer.status()).as(what).isBetween(200, 499);
                    if (answer.status() >= 400) {
                        assertThat(answer.contentType()).as(what).isEqualTo("application/problem+json");
                    } else if (answer.json().containsKey(field.getKey())) {
                        assertThat(answer.json().get(field.getKey())).as(what + " stored as given").isEqualTo(hostile);
                    }
                    if (hostile.length() > 1000 || hostile.indexOf('\0') >= 0 || hostile.equals(LONE_SURROGATE)) {
                        // Too long, or text PostgreSQL cannot hold (Schemathesis found a NUL in a name as a 500; a
                        // lone surrogate in an order's address started a workflow whose record step retried for ever).
                        assertThat(answer.status()).as(what).isEqualTo(400);
                        assertThat(pointers(answer)).as(what).contains("/" + field.getKey());
                    }
                }
            }
        }

        for (String hostile : HOSTILE) {
            String value = URLEncoder.encode(hostile.length() > 1000 ? hostile.substring(0, 3000) : hostile,
                    StandardCharsets.UTF_8);
            for (String query : List.of("/v1/subscriptions?planId=", "/v1/subscriptions?status=",
                    "/v1/subscriptions?after=", "/v1/subscriptions?limit=", "/v1/invoices?after=",
                    "/v1/ops/renewals/failed?reason=", "/v1/ops/renewals/failed?planId=",
                    "/v1/ops/renewals/failed?failedSince=", "/v1/plans/", "/v1/subscriptions/", "/v1/orders/",
                    "/v1/orders?after=", "/v1/ops/orders?status=", "/v1/ops/orders?after=",
                    "/v1/ops/orders?customerId=")) {
                String token = query.startsWith("/v1/ops/") ? admin : customer;
                Answer answer = raw.call(token, "GET", query + value, null, null);
                assertThat(answer.status()).as(query + abbreviate(hostile)).isBetween(200, 499);
                if (answer.status() >= 400) {
                    assertThat(answer.contentType()).as(query + abbreviate(hostile))
                            .isEqualTo("application/problem+json");
                }
            }
        }
        Answer longQuery = raw.call(customer, "GET", "/v1/subscriptions?planId=" + "x".repeat(10_000), null, null);
        assertThat(longQuery.status()).as("a 10k query string").isBetween(400, 499);

        // The tables are all there and still answer.
        assertThat(platform.bean(CustomerRepository.class).count()).isGreaterThan(1);
        assertThat(api.list(null, "/v1/plans")).isNotEmpty();
        assertThat(api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD)).isNotBlank();
        assertThat(api.newCustomer()).isNotBlank();
    }

    @Test
    void noErrorCarriesAStackTraceOrInternalDetail() {
        String customer = api.newCustomer();
        for (Answer answer : List.of(
                raw.call(customer, "GET", "/v1/subscriptions/not-a-uuid", null, null),
                raw.call(customer, "GET", "/v1/subscriptions?limit=abc", null, null),
                raw.call(customer, "POST", "/v1/subscriptions", MediaType.APPLICATION_JSON, "{\"planId\": 5}"),
                raw.call(customer, "POST", "/v1/subscriptions", MediaType.APPLICATION_JSON, "{\"planId\": [\"a\"]}"),
                raw.call(customer, "POST", "/v1/subscriptions", MediaType.APPLICATION_JSON, "null"),
                raw.call(customer, "POST", "/v1/subscriptions", MediaType.APPLICATION_JSON, ""),
                raw.call(customer, "POST", "/v1/subscriptions/" + UUID.randomUUID() + "/pause",
                        MediaType.APPLICATION_JSON, "{\"timing\":\"SOMETIME\"}"),
                raw.call(admin, "POST", "/v1/admin/coupons", MediaType.APPLICATION_JSON,
                        "{\"code\":\"X1\",\"name\":\"x\",\"percentOffBasisPoints\":\"many\",\"duration\":\"ONCE\"}"),
                raw.call(customer, "DELETE", "/v1/subscriptions", null, null),
                raw.call(customer, "GET", "/v1/nothing-here", null, null))) {
            assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
            assertThat(answer.contentType()).as(answer.body()).isEqualTo("application/problem+json");
            Map<String, Object> problem = answer.json();
            assertThat(problem.keySet()).isSubsetOf(Set.of("type", "title", "status", "detail", "instance", "errors"));
            assertThat(answer.body()).doesNotContainIgnoringCase("exception").doesNotContain("io.perennial",
                    "io.micronaut", "\tat ", "SQL", "$Introspection");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> pointers(Answer answer) {
        return ((List<Map<String, Object>>) answer.json().getOrDefault("errors", List.of())).stream()
                .map(error -> error.get("pointer")).toList();
    }

    private String register(Map<String, Object> registration) {
        api.post(null, "/v1/auth/register", registration);
        return api.login((String) registration.get("email"), (String) registration.get("password"));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 10) + "…(" + value.length() + ")" : value;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertProblem(Answer answer, int status, String kind) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.body()).isEqualTo("application/problem+json");
        assertThat(answer.json()).containsEntry("type", PROBLEMS + kind).containsEntry("status", status);
    }

    /** Found by Schemathesis: a batch reset on the in-process Temporal answered 500 (it has no visibility queries). */
    @Test
    void resetsOnTheEmbeddedTemporalAreNotSupportedProblemsNotServerErrors() {
        Answer batch = raw.call(admin, "POST", "/v1/ops/workflows/reset", MediaType.APPLICATION_JSON,
                json(Map.of("query", "WorkflowType = 'SubscriptionWorkflow'", "reason", "after the fix")));
        assertProblem(batch, 501, "reset-unsupported");

        Answer one = raw.call(admin, "POST", "/v1/ops/workflows/subscription-nope/reset", MediaType.APPLICATION_JSON,
                json(Map.of("reason", "after the fix")));
        assertThat(one.status()).isIn(404, 501);
    }
}

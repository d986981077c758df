package io.perennial.acceptance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.web.router.Router;
import io.perennial.acceptance.RawHttp.Answer;
import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Access control on every route, enumerated from the OpenAPI document the running API serves: anonymous callers
 * get 401 except on an explicit allow-list, customers get 403 on every ops and admin route, and customer B gets
 * 404 on every route that names customer A's resource, exactly as for a missing one. A route the document does not
 * list, or one this test cannot classify, fails the test with what to add.
 */
@PlatformTest
class RouteAccessTest {

    private static final String PROBLEMS = "https://perennial.dev/problems/";

    /** The only operations anyone may call without logging in. Adding one here is a security decision. */
    private static final Set<String> ANONYMOUS = Set.of(
            "GET /v1/plans", "GET /v1/plans/{planId}", "POST /v1/auth/register", "POST /v1/auth/login",
            // The refresh token in the body is the credential: an expired access token must not stop either.
            "POST /v1/auth/refresh", "POST /v1/auth/logout",
            // The carrier has no account: the HMAC signature over the body is the credential (SIGNED below).
            "POST /v1/webhooks/carrier",
            // Stripe neither: its Stripe-Signature is the credential; a missing or bad one is a 400 invalid-signature
            // as Stripe's documentation asks (StripeWebhookApiTest), so it is not in SIGNED (401).
            "POST /v1/webhooks/stripe");

    /**
     * Anonymous operations whose credential is a signature: without a valid one they answer 401 invalid-signature
     * (never unauthenticated, which would ask for an access token) and do nothing.
     */
    private static final Set<String> SIGNED = Set.of("POST /v1/webhooks/carrier");

    /** Routes only staff reach: a customer's token answers 403 on every one. */
    private static final List<String> STAFF_PREFIXES = List.of("/v1/ops/", "/v1/admin/", "/v1/purchase-orders",
            "/v1/events");

    /** Of those, the routes only admins reach: an ops token answers 403 on every one. */
    private static final List<String> ADMIN_PREFIXES = List.of("/v1/admin/", "/v1/events");

    /** Customer routes that name no resource: the caller's own collection. */
    private static final Set<String> OWN_COLLECTIONS = Set.of(
            "GET /v1/subscriptions", "POST /v1/subscriptions", "GET /v1/invoices", "GET /v1/customers/me",
            "GET /v1/orders", "POST /v1/orders", "GET /v1/payment-methods", "POST /v1/payment-methods",
            "GET /v1/customers/me/points", "POST /v1/customers/me/points/redemptions", "GET /v1/customers/me/credit",
            "POST /v1/behaviour", "GET /v1/customers/me/recommendations", "GET /v1/customers/me/billing-profile",
            "PUT /v1/customers/me/billing-profile", "GET /v1/customers/me/export", "DELETE /v1/customers/me",
            "GET /v1/customers/me/users", "POST /v1/customers/me/users");

    /**
     * Customer routes whose path names a resource, by the path that names it: the test substitutes customer A's id.
     * A new kind of customer resource (orders, payment methods, …) needs its entry here.
     */
    private static final List<String> OWNED_RESOURCES = List.of("/v1/subscriptions/{id}", "/v1/invoices/{id}",
            "/v1/orders/{id}", "/v1/payment-methods/{id}", "/v1/customers/me/users/{id}");

    /** A valid body for each customer route that requires one, so the ownership check, not validation, answers. */
    private static final Map<String, Map<String, Object>> VALID_BODIES = Map.ofEntries(
            body("POST /v1/subscriptions/{id}/plan-change", Map.of("planId", "plan_digital_monthly")),
            body("POST /v1/subscriptions/{id}/plan-change/preview", Map.of("planId", "plan_digital_monthly")),
            body("POST /v1/subscriptions/{id}/coupon", Map.of("code", "WELCOME10")),
            body("PUT /v1/subscriptions/{id}/payment-method", Map.of("paymentMethod", "pm_card_visa")),
            body("POST /v1/subscriptions/{id}/payment-authentication", Map.of("outcome", "fail")),
            body("POST /v1/orders/{id}/payment-authentication", Map.of("outcome", "fail")),
            body("POST /v1/subscriptions/{id}/next-box/delay", Map.of("days", 3)),
            body("POST /v1/invoices/{id}/payments", Map.of("method", "alipay")),
            body("PUT /v1/customers/me/users/{id}/role", Map.of("role", "OWNER")),
            body("POST /v1/subscriptions/{id}/items", Map.of("quantity", 2)),
            body("POST /v1/subscriptions/{id}/items/preview", Map.of("quantity", 2)),
            body("PUT /v1/orders/{id}/address", Map.of("recipient", "Bob", "line1", "Damrak 1", "city", "Amsterdam",
                    "postalCode", "1012 LG", "countryCode", "NL")),
            body("PUT /v1/subscriptions/{id}/shipping-address", Map.of("recipient", "Bob", "line1", "Damrak 1",
                    "city", "Amsterdam", "postalCode", "1012 LG", "countryCode", "NL")));

    private static Map.Entry<String, Map<String, Object>> body(String route, Map<String, ?> body) {
        return Map.entry(route, Map.copyOf(body));
    }

    /**
     * Routes the router has but the document leaves out, with who may call them: the management endpoints, the
     * embedded mode's test clock (it exists only in the launcher, not in the API a deployment runs) and the codec
     * endpoint's sign-in page for the Temporal UI (HTML for a browser; its POST checks a staff password itself).
     */
    private static final Map<String, Access> UNDOCUMENTED = Map.ofEntries(
            Map.entry("GET /health", Access.ANYONE),
            Map.entry("GET /health/{selector}", Access.ANYONE),
            Map.entry("GET /prometheus", Access.STAFF),
            Map.entry("GET /v1/ops/codec/session", Access.ANYONE),
            Map.entry("POST /v1/ops/codec/session", Access.ANYONE),
            Map.entry("POST /v1/ops/codec/session/end", Access.ANYONE),
            // The simulated payment provider's hosted page (Alipay, WeChat Pay): another site in real life, so no
            // sign-in; the random session reference in the path is the credential (unknown ones answer 404).
            Map.entry("GET /provider/redirects/{reference}", Access.ANYONE),
            Map.entry("POST /provider/redirects/{reference}", Access.ANYONE),
            Map.entry("GET /v1/dev/clock", Access.STAFF),
            Map.entry("POST /v1/dev/clock/advance", Access.STAFF));

    private enum Access { ANYONE, STAFF }

    private record Operation(String method, String path, Map<String, Object> spec) {
        String key() {
            return method + " " + path;
        }

        boolean secured() {
            return spec.get("security") instanceof List<?> requirements && !requirements.isEmpty();
        }

        @SuppressWarnings("unchecked")
        Set<String> documentedStatuses() {
            return ((Map<String, Object>) spec.get("responses")).keySet();
        }

        @SuppressWarnings("unchecked")
        boolean requiresBody() {
            return spec.get("requestBody") instanceof Map<?, ?> body && Boolean.TRUE.equals(body.get("required"));
        }

        boolean staffOnly() {
            return STAFF_PREFIXES.stream().anyMatch(path::startsWith);
        }

        boolean namesAResource() {
            return path.contains("{");
        }
    }

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{[^}]+}");

    private TestPlatform platform;
    private ApiSession api;
    private RawHttp raw;
    private BlockingHttpClient http;
    private List<Operation> operations;

    @BeforeAll
    void start() throws Exception {
        http = platform.client.toBlocking();
        String document = http.retrieve(HttpRequest.GET("/openapi/perennial.yml"), String.class);
        operations = operations(new ObjectMapper(new YAMLFactory()).readValue(document, Map.class));
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations(Map<String, Object> document) {
        List<Operation> found = new ArrayList<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        paths.forEach((path, item) -> item.forEach((method, spec) -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                found.add(new Operation(method.toUpperCase(), path, (Map<String, Object>) spec));
            }
        }));
        return found;
    }

    @Test
    void theDocumentListsEveryRouteTheApiServesAndNothingElse() {
        Set<String> routed = routes();
        Set<String> documented = operations.stream().map(Operation::key).collect(Collectors.toCollection(TreeSet::new));

        Set<String> missing = new TreeSet<>(routed);
        missing.removeAll(documented);
        missing.removeAll(UNDOCUMENTED.keySet());
        // The customer portal's and the ops console's pages are not API operations (PortalRulesTest and
        // ConsoleRulesTest keep them out of the document); their access is checked by the tests below.
        missing.removeIf(key -> isPortal(key) || isConsole(key));
        assertThat(missing).as("routes the OpenAPI document does not list: annotate their controller so the "
                + "generator sees them, or (only for non-API routes) add them to UNDOCUMENTED").isEmpty();
        assertThat(routed).as("operations the document lists but nobody serves").containsAll(documented);
        assertThat(routed).as("stale UNDOCUMENTED entries").containsAll(UNDOCUMENTED.keySet());
        assertThat(documented).allSatisfy(key -> assertThat(key).contains(" /v1/"));
    }

    @Test
    void everyPortalPageSendsAVisitorToSignInAndEveryPortalFormWithoutItsTokenIsRefused() {
        List<String> portal = routes().stream().filter(RouteAccessTest::isPortal).toList();
        assertThat(portal).isNotEmpty();
        for (String key : portal) {
            String path = withFakeIds(path(key));
            if (method(key).equals("GET")) {
                // Followed to where a visitor lands: the sign-in (or sign-up) form, never a signed-in page.
                Answer answer = raw.call(null, "GET", path + (path.endsWith("/language") ? "?lang=en" : ""), null);
                String visitorPage = VISITOR_PAGES.get(path);
                assertThat(answer.status()).as(key).isEqualTo(visitorPage == null ? 200
                        : path.endsWith("/reset") ? 400 : 200);
                assertThat(answer.body()).as(key).containsAnyOf("id=\"sign-in\"", "id=\"sign-up\"",
                                visitorPage == null ? "id=\"sign-in\"" : visitorPage)
                        .doesNotContain("id=\"sign-out\"");
            } else if (path.startsWith("/portal/oauth/callback/")) {
                // The provider's callback carries no form of ours: its CSRF protection is the state parameter,
                // which must match this browser's state cookie. Without it: back to sign-in, no session.
                Answer answer = raw.call(null, method(key), path, "application/x-www-form-urlencoded",
                        "code=stolen&state=forged");
                assertThat(answer.status()).as(key).isEqualTo(200);
                assertThat(answer.body()).as(key).contains("id=\"sign-in\"", "did not complete")
                        .doesNotContain("id=\"sign-out\"");
            } else {
                // Every portal form has the field; empty, it is no token at all (another field unknown to a form
                // would already be refused with 400, before the token is looked at).
                Answer answer = raw.call(null, method(key), path, "application/x-www-form-urlencoded", "csrfToken=");
                assertThat(answer.status()).as(key + " without a CSRF token").isEqualTo(403);
            }
        }
    }

    @Test
    void everyConsolePageSendsAVisitorToTheStaffSignInAndEveryConsoleFormWithoutItsTokenIsRefused() {
        List<String> console = routes().stream().filter(RouteAccessTest::isConsole).toList();
        assertThat(console).contains("GET /console/renewals", "POST /console/renewals/retry",
                "GET /console/renewals/batches/{batchId}/progress", "GET /console/audit-log");
        for (String key : console) {
            String path = withFakeIds(path(key));
            if (method(key).equals("GET")) {
                Answer answer = raw.call(null, "GET", path + (path.endsWith("/language") ? "?lang=en" : ""), null);
                assertThat(answer.status()).as(key).isEqualTo(200);
                assertThat(answer.body()).as(key).contains("id=\"sign-in\"", "Staff sign-in")
                        .doesNotContain("id=\"sign-out\"");
            } else {
                Answer answer = raw.call(null, method(key), path, "application/x-www-form-urlencoded", "csrfToken=");
                assertThat(answer.status()).as(key + " without a CSRF token").isEqualTo(403);
            }
        }
    }

    private static boolean isConsole(String key) {
        return path(key).equals("/console") || path(key).startsWith("/console/");
    }

    /**
     * Portal pages a visitor may see that are not the sign-in or sign-up form, with what shows they are the visitor's
     * page: the forgotten-password form, and a reset link's page (400 without a live link).
     */
    private static final Map<String, String> VISITOR_PAGES = Map.of(
            "/portal/password/forgot", "id=\"send-link\"",
            "/portal/password/reset", "id=\"to-forgot\"");

    private Set<String> routes() {
        // HEAD is served for every GET by the framework: the same operation.
        return platform.bean(Router.class).uriRoutes()
                .filter(route -> route.getHttpMethod() != HttpMethod.HEAD)
                .map(route -> route.getHttpMethodName() + " "
                        + route.getUriMatchTemplate().toString().replaceAll("\\{\\?[^}]*}", ""))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isPortal(String key) {
        return path(key).equals("/portal") || path(key).startsWith("/portal/");
    }

    @Test
    void everyOperationIsClassifiedSoANewRouteMustSayWhoMayCallIt() {
        List<String> unclassified = new ArrayList<>();
        for (Operation operation : operations) {
            int classes = (ANONYMOUS.contains(operation.key()) ? 1 : 0) + (operation.staffOnly() ? 1 : 0)
                    + (OWN_COLLECTIONS.contains(operation.key()) ? 1 : 0) + (ownedResource(operation) != null ? 1 : 0);
            if (classes != 1) {
                unclassified.add(operation.key());
            }
        }
        assertThat(unclassified).as("operations RouteAccessTest cannot classify: add each to exactly one of "
                + "ANONYMOUS (a security decision), OWN_COLLECTIONS or OWNED_RESOURCES, or move it under "
                + STAFF_PREFIXES).isEmpty();
        assertThat(operations.stream().filter(operation -> !operation.secured()).map(Operation::key))
                .as("operations the document says need no token").containsExactlyInAnyOrderElementsOf(ANONYMOUS);
    }

    @Test
    void anAnonymousCallerGets401OnEveryOperationOutsideTheAllowList() {
        for (Operation operation : operations) {
            Answer answer = raw.call(null, operation.method(), withFakeIds(operation.path()), Map.of());
            if (SIGNED.contains(operation.key())) {
                assertProblem(operation.key(), answer, 401, "invalid-signature");
                assertThat(operation.documentedStatuses()).as(operation.key() + " documents 401").contains("401");
            } else if (ANONYMOUS.contains(operation.key())) {
                assertThat(answer.status()).as(operation.key()).isNotIn(401, 403);
            } else {
                assertProblem(operation.key(), answer, 401, "unauthenticated");
                assertThat(operation.documentedStatuses()).as(operation.key() + " documents 401").contains("401");
            }
        }
        UNDOCUMENTED.forEach((key, access) -> {
            Answer answer = raw.call(null, method(key), path(key).replace("{selector}", "liveness")
                    .replace("{reference}", "rs_sim_unknown"), null);
            if (access == Access.ANYONE && method(key).equals("GET")) {
                // An unknown provider session is not found, with no sign-in asked for.
                assertThat(answer.status()).as(key).isEqualTo(key.contains("/provider/") ? 404 : 200);
            } else if (access == Access.ANYONE) {
                assertThat(answer.status()).as(key).isNotIn(401, 403).isLessThan(500);
            } else {
                assertProblem(key, answer, 401, "unauthenticated");
            }
        });
        assertThat(raw.call(null, "GET", "/openapi/perennial.yml", null).status()).isEqualTo(200);
    }

    @Test
    void aCustomerGets403OnEveryOpsAndAdminOperationAndOpsOnEveryAdminOperation() {
        String customer = api.newCustomer();
        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        List<Operation> staffOnly = operations.stream().filter(Operation::staffOnly).toList();
        assertThat(staffOnly).hasSizeGreaterThan(10);
        for (Operation operation : staffOnly) {
            assertProblem(operation.key(),
                    raw.call(customer, operation.method(), withFakeIds(operation.path()), Map.of()), 403, "forbidden");
            assertThat(operation.documentedStatuses()).as(operation.key() + " documents 403").contains("403");
            if (ADMIN_PREFIXES.stream().anyMatch(operation.path()::startsWith)) {
                assertProblem(operation.key() + " as ops",
                        raw.call(ops, operation.method(), withFakeIds(operation.path()), Map.of()), 403, "forbidden");
            }
        }
        UNDOCUMENTED.forEach((key, access) -> {
            if (access == Access.STAFF) {
                assertThat(raw.call(customer, method(key), path(key), Map.of()).status()).as(key).isEqualTo(403);
            }
        });
    }

    @Test
    void customerBGets404OnEveryRouteNamingCustomerAsResourceExactlyAsForAMissingOne() {
        String customerA = api.newCustomer();
        String customerB = api.newCustomer();
        String subscriptionOfA = (String) api.post(customerA, "/v1/subscriptions",
                Map.of("planId", "plan_digital_yearly", "paymentMethod", "pm_card_visa")).body().get("id");
        String invoiceOfA = (String) ApiSession.eventually(
                () -> api.list(customerA, "/v1/subscriptions/" + subscriptionOfA + "/invoices"),
                invoices -> !invoices.isEmpty(), Duration.ofSeconds(10)).get(0).get("id");
        // The embedded mode's demo SKU has stock and a price.
        String orderOfA = (String) api.post(customerA, "/v1/orders", Map.of(
                "lines", List.of(Map.of("sku", DemoStock.SKU, "quantity", 1)),
                "shippingAddress", Map.of("recipient", "Ada", "line1", "Keizersgracht 1", "city", "Amsterdam",
                        "postalCode", "1015 AB", "countryCode", "NL"),
                "paymentMethod", "pm_card_visa")).body().get("id");
        String paymentMethodOfA = (String) api.post(customerA, "/v1/payment-methods",
                Map.of("token", "pm_card_visa", "label", "A's card")).body().get("id");
        String userOfA = (String) api.list(customerA, "/v1/customers/me/users").get(0).get("id");
        Map<String, String> idsOfA = Map.of("/v1/subscriptions/{id}", subscriptionOfA, "/v1/invoices/{id}", invoiceOfA,
                "/v1/orders/{id}", orderOfA, "/v1/payment-methods/{id}", paymentMethodOfA,
                "/v1/customers/me/users/{id}", userOfA);

        List<Operation> owned = operations.stream().filter(operation -> ownedResource(operation) != null).toList();
        assertThat(owned).hasSizeGreaterThan(10);
        for (Operation operation : owned) {
            String resource = ownedResource(operation);
            String idOfA = idsOfA.get(resource);
            String missing = UUID.randomUUID().toString();
            Map<String, Object> body = VALID_BODIES.get(operation.key());
            if (operation.requiresBody() && body == null) {
                fail("add a valid request body for " + operation.key() + " to VALID_BODIES");
            }
            Answer othersAnswer = raw.call(customerB, operation.method(), operation.path().replace("{id}", idOfA),
                    body);
            Answer missingAnswer = raw.call(customerB, operation.method(), operation.path().replace("{id}", missing),
                    body);

            assertProblem(operation.key() + " with A's id", othersAnswer, 404, "not-found");
            assertThat(othersAnswer.problem().get("title")).isEqualTo(missingAnswer.problem().get("title"));
            assertThat(((String) othersAnswer.problem().get("detail")).replace(idOfA, "{id}")).as(operation.key())
                    .isEqualTo(((String) missingAnswer.problem().get("detail")).replace(missing, "{id}"));
            assertThat(missingAnswer.status()).isEqualTo(404);
            assertThat(operation.documentedStatuses()).as(operation.key() + " documents 404").contains("404");
            if (operation.method().equals("GET")) {
                // The id is real: its owner reads it.
                assertThat(raw.call(customerA, "GET", operation.path().replace("{id}", idOfA), null).status())
                        .as(operation.key() + " as A").isEqualTo(200);
            }
        }

        // Query parameters cannot reach A's resources either: a cursor of A's is unknown to B, a customer filter
        // is ignored for customers.
        assertProblem("B pages after A's subscription",
                raw.call(customerB, "GET", "/v1/subscriptions?after=" + subscriptionOfA, null), 404, "not-found");
        assertProblem("B pages after A's order",
                raw.call(customerB, "GET", "/v1/orders?after=" + orderOfA, null), 404, "not-found");
        assertThat(api.get(customerB, "/v1/orders").get("items")).isEqualTo(List.of());
        assertProblem("B pages after A's invoice",
                raw.call(customerB, "GET", "/v1/invoices?after=" + invoiceOfA, null), 404, "not-found");
        assertThat(api.get(customerB, "/v1/subscriptions?customerId=" + api.get(customerA, "/v1/customers/me")
                .get("customerId")).get("items")).isEqualTo(List.of());
        assertThat(api.get(customerB, "/v1/invoices").get("items")).isEqualTo(List.of());
    }

    /** The owned resource the operation's path names, or null when it names none (or one this test does not know). */
    private static String ownedResource(Operation operation) {
        if (!operation.namesAResource() || operation.staffOnly() || ANONYMOUS.contains(operation.key())) {
            return null;
        }
        return OWNED_RESOURCES.stream()
                .filter(resource -> operation.path().equals(resource) || operation.path().startsWith(resource + "/"))
                .filter(resource -> PATH_PARAMETER.matcher(operation.path().substring(resource.length())).results()
                        .findAny().isEmpty())
                .findFirst().orElse(null);
    }

    private static String withFakeIds(String path) {
        Matcher matcher = PATH_PARAMETER.matcher(path);
        return matcher.replaceAll(UUID.randomUUID().toString());
    }

    private static String method(String key) {
        return key.substring(0, key.indexOf(' '));
    }

    private static String path(String key) {
        return key.substring(key.indexOf(' ') + 1);
    }

    private static void assertProblem(String what, Answer answer, int status, String kind) {
        assertThat(answer.status()).as(what).isEqualTo(status);
        assertThat(answer.contentType()).as(what + " content type").isEqualTo("application/problem+json");
        assertThat(answer.problem()).as(what).containsEntry("type", PROBLEMS + kind).containsEntry("status", status);
    }
}

package io.perennial.acceptance;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.idempotency.IdempotencyKeys;
import io.perennial.launcher.DemoAccounts;
import io.perennial.launcher.DemoStock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Risk review of one-off orders through the API: a large first order from a fresh account with a disposable email
 * scores 60 (30 + 30), between the review (50) and refuse (90) thresholds, so it waits IN_REVIEW, stock held and
 * nothing charged, listed for ops, until they approve (charged and shipped) or refuse it (canceled, stock back). A
 * small order from an ordinary address is not reviewed.
 */
@PlatformTest
class RiskReviewApiTest {

    private static final String PROBLEMS = "https://perennial.dev/problems/";

    private TestPlatform platform;
    private ApiSession api;
    private BlockingHttpClient http;
    private String admin;
    private String ops;
    private String sku;

    @BeforeAll
    void start() {
        http = platform.client.toBlocking();
        admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        // 200.00 a unit: one is a large first order (150.00 or more).
        sku = "RISK-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        assertThat(api.post(admin, "/v1/admin/skus", Map.of("sku", sku, "productId", DemoStock.PRODUCT,
                "name", "Espresso machine", "initialOnHand", 10, "reorderPoint", 0, "reorderQuantity", 10,
                "preferredSupplierId", DemoStock.SUPPLIER, "unitPriceMinor", 20000, "currency", "EUR")).code())
                .isEqualTo(201);
    }

    /** A customer registered just now with a throw-away address. */
    private String disposableCustomer() {
        String email = "risky-" + UUID.randomUUID() + "@mailinator.com";
        http.exchange(HttpRequest.POST("/v1/auth/register", Map.of("email", email, "password",
                "correct-horse-battery", "name", "Mallory")), ApiSession.JSON);
        return api.login(email, "correct-horse-battery");
    }

    /** Each order to its own door, so a refused one does not mark the address of another test. */
    private static Map<String, Object> order(String sku, int quantity) {
        return Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity)), "shippingAddress",
                Map.of("recipient", "Mallory", "line1", "Damrak " + UUID.randomUUID().toString().substring(0, 8),
                        "city", "Amsterdam", "postalCode", "1012 LG", "countryCode", "NL"),
                "paymentMethod", "pm_card_visa");
    }

    private String place(String customer, Map<String, Object> order) {
        HttpResponse<Map<String, Object>> placed = api.post(customer, "/v1/orders", order);
        assertThat(placed.code()).isEqualTo(201);
        return (String) placed.body().get("id");
    }

    private Map<String, Object> awaitStatus(String token, String id, String status) {
        return ApiSession.eventually(() -> api.get(token, "/v1/orders/" + id),
                view -> status.equals(view.get("status")), Duration.ofSeconds(30));
    }

    private int available() {
        return ((Number) api.get(ops, "/v1/ops/stock/" + sku).get("available")).intValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> waiting(String orderId) {
        return ApiSession.eventually(() -> ((List<Map<String, Object>>) api.get(ops,
                        "/v1/ops/risk-reviews?limit=500").get("items")).stream()
                        .filter(item -> orderId.equals(item.get("orderId"))).findFirst().orElse(null),
                item -> item != null, Duration.ofSeconds(30));
    }

    @SuppressWarnings("unchecked")
    private static List<String> codes(Map<String, Object> withRules) {
        return ((List<Map<String, Object>>) withRules.get("rules")).stream().map(rule -> (String) rule.get("code"))
                .toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRiskyOrderWaitsInReviewIsListedForOpsAndIsChargedAndShippedOnceApproved() {
        String mallory = disposableCustomer();
        String id = place(mallory, order(sku, 1));

        Map<String, Object> inReview = awaitStatus(ops, id, "IN_REVIEW");
        Map<String, Object> risk = (Map<String, Object>) inReview.get("risk");
        assertThat(risk).containsEntry("score", 60).containsEntry("status", "IN_REVIEW");
        assertThat(codes(risk)).containsExactly("NEW_ACCOUNT_LARGE_FIRST_ORDER", "DISPOSABLE_EMAIL");
        assertThat(inReview).containsEntry("chargedMinor", 0);
        Map<String, Object> listed = waiting(id);
        assertThat(listed).containsEntry("score", 60).containsEntry("amountMinor", 20000);
        assertThat(codes(listed)).containsExactly("NEW_ACCOUNT_LARGE_FIRST_ORDER", "DISPOSABLE_EMAIL");
        assertThat(listed.get("reviewDeadlineAt")).isNotNull();
        // The customer sees that the order is in review, not how it was scored.
        Map<String, Object> ownView = api.get(mallory, "/v1/orders/" + id);
        assertThat(ownView).containsEntry("status", "IN_REVIEW").doesNotContainKey("risk");

        HttpResponse<Map<String, Object>> approved = api.post(ops, "/v1/ops/risk-reviews/" + id + "/approve",
                Map.of("reason", "customer confirmed by phone"));
        assertThat(approved.code()).isEqualTo(200);
        assertThat((Map<String, Object>) approved.body().get("risk")).containsEntry("status", "APPROVED");

        Map<String, Object> booked = awaitStatus(ops, id, "SHIPMENT_BOOKED");
        assertThat(booked).containsEntry("chargedMinor", 20000);
        assertThat((List<Map<String, Object>>) booked.get("history")).extracting(change -> change.get("status"))
                .containsSubsequence("STOCK_RESERVED", "IN_REVIEW", "STOCK_RESERVED", "PAID", "SHIPMENT_BOOKED");
        HttpClientResponseException again = api.failure(() -> api.post(ops, "/v1/ops/risk-reviews/" + id
                + "/refuse", Map.of("reason", "second thoughts")));
        assertThat(again.code()).isEqualTo(409);
        assertThat(ApiSession.problem(again)).containsEntry("type", PROBLEMS + "risk-review-decided");
        List<Map<String, Object>> audited = (List<Map<String, Object>>) api.get(admin,
                "/v1/admin/audit-log?resource=order:" + id).get("items");
        assertThat(audited).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("action", "order.risk-approved")
                    .containsEntry("reason", "customer confirmed by phone");
            assertThat((String) entry.get("outcome")).startsWith("score 60 (");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRefusedReviewCancelsTheOrderGivesItsStockBackAndChargesNothing() {
        String mallory = disposableCustomer();
        int before = available();
        String id = place(mallory, order(sku, 1));
        waiting(id);
        assertThat(available()).isEqualTo(before - 1);

        HttpResponse<Map<String, Object>> refused = api.post(ops, "/v1/ops/risk-reviews/" + id + "/refuse",
                Map.of("reason", "address linked to chargebacks"));
        assertThat(refused.code()).isEqualTo(200);

        Map<String, Object> canceled = awaitStatus(ops, id, "CANCELED");
        assertThat(canceled).containsEntry("chargedMinor", 0);
        assertThat(canceled).containsEntry("failureReason", "refused by risk review");
        assertThat((Map<String, Object>) canceled.get("risk")).containsEntry("status", "REFUSED")
                .containsEntry("decisionReason", "address linked to chargebacks");
        assertThat(ApiSession.eventually(this::available, free -> free == before, Duration.ofSeconds(10)))
                .isEqualTo(before);
        assertThat(((List<Map<String, Object>>) api.get(ops, "/v1/ops/risk-reviews?limit=500").get("items")))
                .noneMatch(item -> id.equals(item.get("orderId")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSmallOrderFromAnOrdinaryAccountIsNotReviewedAndDecisionsOnItAre409() {
        String customer = api.newCustomer();
        String id = place(customer, order(DemoStock.SKU, 1));

        Map<String, Object> booked = ApiSession.eventually(() -> api.get(ops, "/v1/orders/" + id),
                view -> ((List<Map<String, Object>>) view.get("history")).stream()
                        .anyMatch(change -> "PAID".equals(change.get("status"))), Duration.ofSeconds(30));
        assertThat((List<Map<String, Object>>) booked.get("history")).extracting(change -> change.get("status"))
                .doesNotContain("IN_REVIEW");
        assertThat((Map<String, Object>) booked.get("risk")).containsEntry("score", 0)
                .containsEntry("status", "PASSED");

        HttpClientResponseException notInReview = api.failure(() -> api.post(ops, "/v1/ops/risk-reviews/" + id
                + "/approve", Map.of("reason", "looks fine")));
        assertThat(notInReview.code()).isEqualTo(409);
        assertThat(ApiSession.problem(notInReview)).containsEntry("type", PROBLEMS + "not-in-risk-review");
        HttpClientResponseException unknown = api.failure(() -> api.post(ops, "/v1/ops/risk-reviews/"
                + UUID.randomUUID() + "/approve", Map.of("reason", "looks fine")));
        assertThat(unknown.code()).isEqualTo(404);
        assertThat(ApiSession.problem(unknown)).containsEntry("type", PROBLEMS + "not-found");
        HttpClientResponseException noReason = api.failure(() -> api.post(ops, "/v1/ops/risk-reviews/" + id
                + "/approve", Map.of("reason", " ")));
        assertThat(noReason.code()).isEqualTo(400);
        HttpClientResponseException customerTries = api.failure(() -> api.post(customer, "/v1/ops/risk-reviews/"
                + id + "/approve", Map.of("reason", "let me through")));
        assertThat(customerTries.code()).isEqualTo(403);
    }

    /** A digital plan of 200.00 a month without a trial: a large first charge for a new account. */
    private String largePlan() {
        String id = "risk_" + UUID.randomUUID().toString().substring(0, 8);
        api.post(admin, "/v1/admin/products", Map.of("id", id, "name", "Product " + id, "kind", "DIGITAL"));
        api.post(admin, "/v1/admin/plans", Map.of("id", "plan_" + id, "productId", id, "name", "Plan " + id,
                "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 20000))));
        return "plan_" + id;
    }

    private String subscribe(String customer, String planId) {
        HttpResponse<Map<String, Object>> created = api.post(customer, "/v1/subscriptions",
                Map.of("planId", planId, "paymentMethod", "pm_card_visa"));
        assertThat(created.code()).isEqualTo(201);
        return (String) created.body().get("id");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> waitingSubscription(String subscriptionId) {
        return ApiSession.eventually(() -> ((List<Map<String, Object>>) api.get(ops,
                        "/v1/ops/risk-reviews?limit=500").get("items")).stream()
                        .filter(item -> subscriptionId.equals(item.get("subscriptionId"))).findFirst().orElse(null),
                item -> item != null, Duration.ofSeconds(30));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRiskySubscriptionsFirstChargeWaitsInTheSameReviewAndIsChargedOnceApproved() {
        String mallory = disposableCustomer();
        String id = subscribe(mallory, largePlan());

        Map<String, Object> listed = waitingSubscription(id);
        assertThat(listed).containsEntry("kind", "SUBSCRIPTION").containsEntry("score", 60)
                .containsEntry("amountMinor", 20000).containsEntry("status", "IN_REVIEW");
        assertThat(codes(listed)).containsExactly("NEW_ACCOUNT_LARGE_FIRST_ORDER", "DISPOSABLE_EMAIL");
        assertThat(listed.get("reviewDeadlineAt")).isNotNull();
        assertThat(api.list(mallory, "/v1/subscriptions/" + id + "/invoices")).as("nothing charged").isEmpty();
        // The subscriber sees why nothing happens yet: the review, never its rules or score.
        Map<String, Object> waiting = ApiSession.eventually(() -> api.get(mallory, "/v1/subscriptions/" + id),
                view -> "IN_REVIEW".equals(view.get("riskReview")), Duration.ofSeconds(30));
        assertThat(waiting).containsEntry("status", "ACTIVE").containsEntry("source", "read-model")
                .doesNotContainKeys("currentPeriod", "score", "rules");
        assertThat(api.get(mallory, "/v1/subscriptions/" + id + "?consistency=strong"))
                .containsEntry("riskReview", "IN_REVIEW");

        HttpResponse<Map<String, Object>> approved = api.post(ops, "/v1/ops/risk-reviews/subscriptions/" + id
                + "/approve", Map.of("reason", "company confirmed by phone"));

        assertThat(approved.code()).isEqualTo(200);
        assertThat(approved.body()).containsEntry("status", "APPROVED");
        List<Map<String, Object>> invoices = ApiSession.eventually(() -> api.list(mallory, "/v1/subscriptions/"
                + id + "/invoices"), paid -> !paid.isEmpty() && "PAID".equals(paid.get(0).get("status")),
                Duration.ofSeconds(30));
        assertThat(invoices).singleElement().satisfies(invoice -> assertThat(invoice).containsEntry("totalMinor",
                20000));
        assertThat(ApiSession.eventually(() -> api.get(mallory, "/v1/subscriptions/" + id),
                view -> view.get("currentPeriod") != null, Duration.ofSeconds(30)))
                .containsEntry("riskReview", "APPROVED");
        assertThat(((List<Map<String, Object>>) api.get(ops, "/v1/ops/risk-reviews?limit=500").get("items")))
                .noneMatch(item -> id.equals(item.get("subscriptionId")));
        HttpClientResponseException again = api.failure(() -> api.post(ops, "/v1/ops/risk-reviews/subscriptions/"
                + id + "/refuse", Map.of("reason", "second thoughts")));
        assertThat(again.code()).isEqualTo(409);
        assertThat(ApiSession.problem(again)).containsEntry("type", PROBLEMS + "risk-review-decided");
        List<Map<String, Object>> audited = (List<Map<String, Object>>) api.get(admin,
                "/v1/admin/audit-log?resource=subscription:" + id).get("items");
        assertThat(audited).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("action", "subscription.risk-approved")
                    .containsEntry("reason", "company confirmed by phone");
            assertThat((String) entry.get("outcome")).startsWith("score 60 (");
        });
    }

    @Test
    void aRefusedSubscriptionEndsUnchargedWithItsReasonOnTheViewAndAnOrdinaryOneIsNotReviewed() {
        String plan = largePlan();
        String mallory = disposableCustomer();
        String risky = subscribe(mallory, plan);
        waitingSubscription(risky);
        String ordinary = subscribe(api.newCustomer(), "plan_digital_yearly");

        HttpResponse<Map<String, Object>> refused = api.post(ops, "/v1/ops/risk-reviews/subscriptions/" + risky
                + "/refuse", Map.of("reason", "identity not confirmed"));

        assertThat(refused.code()).isEqualTo(200);
        Map<String, Object> ended = ApiSession.eventually(() -> api.get(mallory, "/v1/subscriptions/" + risky),
                view -> "CANCELED".equals(view.get("status")), Duration.ofSeconds(30));
        assertThat(ended).containsEntry("cancelReason", "risk_refused").containsEntry("riskReview", "REFUSED");
        assertThat(api.list(mallory, "/v1/subscriptions/" + risky + "/invoices")).isEmpty();
        assertThat(ApiSession.eventually(() -> api.get(ops, "/v1/subscriptions/" + ordinary),
                view -> "ACTIVE".equals(view.get("status")) && view.get("currentPeriod") != null,
                Duration.ofSeconds(30))).containsEntry("status", "ACTIVE").doesNotContainKey("riskReview");
        HttpClientResponseException notInReview = api.failure(() -> api.post(ops,
                "/v1/ops/risk-reviews/subscriptions/" + ordinary + "/approve", Map.of("reason", "looks fine")));
        assertThat(notInReview.code()).isEqualTo(404);
    }

    /** Every page of one kind, {@code limit=1} a page, following {@code next}. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> everyPage(String kind) {
        List<Map<String, Object>> all = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, Object> page = api.get(ops, "/v1/ops/risk-reviews?limit=1&kind=" + kind
                    + (after == null ? "" : "&after=" + after));
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            assertThat(items).as("page %d of %s", pages, kind).hasSizeLessThanOrEqualTo(1);
            all.addAll(items);
            after = (String) page.get("next");
        } while (after != null && ++pages < 500);
        return all;
    }

    @Test
    void theListFilteredByKindPagesTheWaitingOrdersAndSubscriptionsEachByItsOwnCursor() {
        String plan = largePlan();
        String first = subscribe(disposableCustomer(), plan);
        String second = subscribe(disposableCustomer(), plan);
        String order = place(disposableCustomer(), order(sku, 1));
        waitingSubscription(first);
        waitingSubscription(second);
        waiting(order);

        List<Map<String, Object>> subscriptions = everyPage("SUBSCRIPTION");
        assertThat(subscriptions).extracting(item -> item.get("kind")).containsOnly("SUBSCRIPTION");
        assertThat(subscriptions).extracting(item -> item.get("subscriptionId")).contains(first, second)
                .doesNotHaveDuplicates();
        assertThat(subscriptions).extracting(item -> Instant.parse((String) item.get("placedAt")))
                .as("newest first").isSortedAccordingTo(Comparator.reverseOrder());
        List<Map<String, Object>> orders = everyPage("ORDER");
        assertThat(orders).extracting(item -> item.get("kind")).containsOnly("ORDER");
        assertThat(orders).extracting(item -> item.get("orderId")).contains(order).doesNotHaveDuplicates();

        HttpClientResponseException unknownKind = api.failure(() -> api.get(ops,
                "/v1/ops/risk-reviews?kind=REFUND"));
        assertThat(unknownKind.code()).isEqualTo(400);
        assertThat(ApiSession.problem(unknownKind)).containsEntry("type", PROBLEMS + "validation");
        HttpClientResponseException noSuchCursor = api.failure(() -> api.get(ops,
                "/v1/ops/risk-reviews?kind=SUBSCRIPTION&after=" + UUID.randomUUID()));
        assertThat(noSuchCursor.code()).isEqualTo(404);

        // Leave nothing waiting for the other tests of the shared platform.
        api.post(ops, "/v1/ops/risk-reviews/" + order + "/refuse", Map.of("reason", "test over"));
        for (String id : List.of(first, second)) {
            api.post(ops, "/v1/ops/risk-reviews/subscriptions/" + id + "/refuse", Map.of("reason", "test over"));
        }
    }

    /** A new box subscription of a 200.00 plan, for a disposable account, waiting in review; its id and token. */
    private String[] boxInReview(String plan, String card, Map<String, Object> door) {
        String mallory = disposableCustomer();
        HttpResponse<Map<String, Object>> created = api.post(mallory, "/v1/subscriptions",
                Map.of("planId", plan, "paymentMethod", card, "shippingAddress", door));
        assertThat(created.code()).isEqualTo(201);
        String id = (String) created.body().get("id");
        waitingSubscription(id);
        return new String[] {id, mallory};
    }

    /**
     * Until the workflow has recorded the review's end (REFUSED, by ops or, for a cancel, by "canceled"): the
     * decision's answer comes first, and the workflow records the review before the state that says so.
     */
    private void awaitRecordedRefusal(String[] subscription) {
        ApiSession.eventually(() -> api.get(subscription[1], "/v1/subscriptions/" + subscription[0]),
                view -> "REFUSED".equals(view.get("riskReview")) && "read-model".equals(view.get("source")),
                Duration.ofSeconds(30));
    }

    /** A card of its own (not a shared test token, which the rules never count). */
    private static String ownCard() {
        return "pm_risk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static Map<String, Object> ownDoor() {
        return Map.of("recipient", "Mallory", "line1", "Prinsengracht " + UUID.randomUUID().toString()
                .substring(0, 8), "city", "Amsterdam", "postalCode", "1016 GV", "countryCode", "NL");
    }

    /** The risk of an ordinary customer's small order to {@code door} with {@code card}: nothing else could score. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> smallOrderRisk(String card, Map<String, Object> door) {
        String order = place(api.newCustomer(), Map.of("lines", List.of(Map.of("sku", DemoStock.SKU,
                "quantity", 1)), "shippingAddress", door, "paymentMethod", card));
        return (Map<String, Object>) ApiSession.eventually(() -> api.get(ops, "/v1/orders/" + order),
                view -> view.get("risk") != null, Duration.ofSeconds(30)).get("risk");
    }

    @Test
    void aCardAndAddressOnARefusedSubscriptionMarkTheNextOrderThatUsesThemAsOnARefusedOrder() {
        String box = "risk_box_" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post(admin, "/v1/admin/plans", Map.of("id", box, "productId", DemoStock.PRODUCT,
                "name", "Espresso kit", "interval", Map.of("unit", "MONTH", "count", 1),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 20000)),
                "box", List.of(Map.of("sku", DemoStock.SKU, "quantity", 1)))).code()).isEqualTo(201);
        String refusedCard = ownCard();
        Map<String, Object> refusedDoor = ownDoor();
        String[] refused = boxInReview(box, refusedCard, refusedDoor);
        assertThat(api.post(ops, "/v1/ops/risk-reviews/subscriptions/" + refused[0] + "/refuse",
                Map.of("reason", "stolen card reported")).code()).isEqualTo(200);
        awaitRecordedRefusal(refused);
        // Its customer's own cancel during the review is no refusal (as for an order canceled in review).
        String canceledCard = ownCard();
        Map<String, Object> canceledDoor = ownDoor();
        String[] canceled = boxInReview(box, canceledCard, canceledDoor);
        assertThat(api.post(canceled[1], "/v1/subscriptions/" + canceled[0] + "/cancel",
                Map.of("timing", "IMMEDIATELY")).code()).isEqualTo(200);
        awaitRecordedRefusal(canceled);

        Map<String, Object> marked = smallOrderRisk(refusedCard, refusedDoor);
        assertThat(codes(marked)).containsExactly("REFUSED_CARD", "REFUSED_ADDRESS");
        assertThat(marked).as("50 + 40: at the refuse threshold").containsEntry("score", 90)
                .containsEntry("status", "REFUSED");
        Map<String, Object> unmarked = smallOrderRisk(canceledCard, canceledDoor);
        assertThat(codes(unmarked)).isEmpty();
        assertThat(unmarked).containsEntry("score", 0);
    }

    private HttpResponse<Map<String, Object>> createAndCharge(String token, String planId, String key) {
        return http.exchange(HttpRequest.POST("/v1/subscriptions", Map.of("planId", planId, "paymentMethod",
                "pm_card_visa", "paymentBehavior", "CHARGE_NOW")).bearerAuth(token).header("Idempotency-Key", key),
                ApiSession.JSON);
    }

    @Test
    void aCreateAndChargeWhoseFirstChargeWaitsInReviewIsAcceptedNotCreatedAndItsRetriesAnswerTheSame() {
        String plan = largePlan();
        String mallory = disposableCustomer();
        String key = UUID.randomUUID().toString();

        HttpResponse<Map<String, Object>> accepted = createAndCharge(mallory, plan, key);

        assertThat(accepted.code()).isEqualTo(202);
        String id = (String) accepted.body().get("id");
        assertThat(accepted.header("Location")).isEqualTo("/v1/subscriptions/" + id);
        assertThat(accepted.body()).containsEntry("riskReview", "IN_REVIEW").containsEntry("status", "ACTIVE")
                .doesNotContainKey("currentPeriod");
        assertThat(api.list(mallory, "/v1/subscriptions/" + id + "/invoices")).as("nothing charged").isEmpty();
        HttpResponse<Map<String, Object>> replayed = createAndCharge(mallory, plan, key);
        assertThat(replayed.code()).isEqualTo(202);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.header("Location")).isEqualTo(accepted.header("Location"));
        assertThat(replayed.body()).isEqualTo(accepted.body());
        // Without the stored answer the same key attaches to the same workflow, whose first-charge Update answers
        // as before.
        platform.bean(IdempotencyKeys.class).purge(Instant.now().plusSeconds(60));
        HttpResponse<Map<String, Object>> reattached = createAndCharge(mallory, plan, key);
        assertThat(reattached.header("Idempotent-Replayed")).as("run again, not replayed").isNull();
        assertThat(reattached.code()).isEqualTo(202);
        assertThat(reattached.body()).containsEntry("id", id).containsEntry("riskReview", "IN_REVIEW");

        api.post(ops, "/v1/ops/risk-reviews/subscriptions/" + id + "/refuse", Map.of("reason", "test over"));
    }
}

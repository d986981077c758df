package io.perennial.acceptance;

import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Seats and add-ons through the public API: a subscription of several units of a plan bills the plan's price times
 * the quantity on every invoice, and each add-on it carries as an extra line of the same invoice; changing them
 * mid-period is previewed, then prorated like a plan change. The plan here bills every 30 days, so a period is 30 days whatever the month. Time
 * moves with the test clock, so the class has a platform of its own.
 */
@PlatformTest(ownPlatform = true)
class SeatsAndAddOnsApiTest {

    private static final String PROBLEMS = "https://perennial.dev/problems/";

    private ApiSession api;
    private String admin;
    private String ops;
    private String planId;
    private String support;

    @BeforeAll
    void start() {
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        planId = "plan_team_" + suffix;
        assertThat(api.post(admin, "/v1/admin/products", Map.of("id", "team-" + suffix, "name", "Team workspace",
                "kind", "DIGITAL")).code()).isEqualTo(201);
        assertThat(api.post(admin, "/v1/admin/plans", Map.of("id", planId, "productId", "team-" + suffix,
                "name", "Team", "interval", Map.of("unit", "DAY", "count", 30),
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 1299)))).code()).isEqualTo(201);
        support = "support-" + suffix;
        assertThat(api.post(admin, "/v1/admin/add-ons", Map.of("code", support, "name", "Priority support",
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 500)), "planIds", List.of(planId)))
                .body()).containsEntry("code", support).containsEntry("planIds", List.of(planId));
        assertThat(api.list(admin, "/v1/admin/add-ons")).extracting(addOn -> addOn.get("code")).contains(support);
        HttpClientResponseException twice = api.failure(() -> api.post(admin, "/v1/admin/add-ons", Map.of("code",
                support, "name", "Again", "prices", List.of(Map.of("currency", "EUR", "amountMinor", 1)))));
        assertThat(twice.code()).isEqualTo(409);
    }

    private void advance(String duration) {
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", duration));
    }

    @Test
    @SuppressWarnings("unchecked")
    void threeSeatsAt1299BillEveryPeriod3897AndTheSubscriptionShowsItsQuantity() {
        String customer = api.newCustomer();
        Map<String, Object> created = api.post(customer, "/v1/subscriptions", Map.of("planId", planId,
                "paymentMethod", "pm_card_visa", "quantity", 3)).body();
        assertThat(created).containsEntry("quantity", 3).containsEntry("amountMinor", 3897);
        String path = "/v1/subscriptions/" + created.get("id");

        List<Map<String, Object>> invoices = ApiSession.eventually(() -> api.list(customer, path + "/invoices"),
                found -> found.size() == 1 && "PAID".equals(found.get(0).get("status")), Duration.ofSeconds(20));
        assertThat(invoices.get(0)).containsEntry("totalMinor", 3897);
        assertThat((List<Map<String, Object>>) invoices.get(0).get("lines"))
                .extracting(line -> line.get("kind"), line -> line.get("amountMinor"))
                .containsExactly(tuple("PLAN", 3897));
        Map<String, Object> recorded = ApiSession.eventually(() -> api.get(customer, path),
                view -> "read-model".equals(view.get("source")) && view.get("currentPeriod") != null,
                Duration.ofSeconds(20));
        assertThat(recorded).containsEntry("quantity", 3).containsEntry("amountMinor", 3897);
        assertThat(api.get(customer, path + "?consistency=strong")).containsEntry("quantity", 3);

        Map<String, Object> upcoming = api.get(customer, path + "/upcoming-invoice");
        assertThat((List<Map<String, Object>>) upcoming.get("lines"))
                .extracting(line -> line.get("kind"), line -> line.get("amountMinor"))
                .containsExactly(tuple("PLAN", 3897));
        assertThat(upcoming).containsEntry("totalMinor", 3897);

        advance("P30D");
        assertThat(ApiSession.eventually(() -> api.list(customer, path + "/invoices"), found -> found.size() == 2,
                Duration.ofSeconds(20)).get(1)).as("the second period").containsEntry("totalMinor", 3897);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAddOnIsAnExtraLineOfTheSameInvoiceEveryPeriod() {
        String customer = api.newCustomer();
        Map<String, Object> created = api.post(customer, "/v1/subscriptions", Map.of("planId", planId,
                "paymentMethod", "pm_card_visa", "quantity", 3,
                "addOns", List.of(Map.of("code", support, "quantity", 2)))).body();
        assertThat(created).containsEntry("amountMinor", 4897);
        assertThat((List<Map<String, Object>>) created.get("addOns")).containsExactly(Map.of("code", support,
                "name", "Priority support", "unitAmountMinor", 500, "quantity", 2, "amountMinor", 1000));
        String path = "/v1/subscriptions/" + created.get("id");

        Map<String, Object> invoice = ApiSession.eventually(() -> api.list(customer, path + "/invoices"),
                found -> found.size() == 1 && "PAID".equals(found.get(0).get("status")), Duration.ofSeconds(20))
                .get(0);
        // 3 × 12.99 + 2 × 5.00 = 48.97
        assertThat(invoice).containsEntry("totalMinor", 4897);
        assertThat((List<Map<String, Object>>) invoice.get("lines"))
                .extracting(line -> line.get("kind"), line -> line.get("amountMinor"))
                .containsExactly(tuple("PLAN", 3897), tuple("ADD_ON", 1000));
        Map<String, Object> recorded = ApiSession.eventually(() -> api.get(customer, path),
                view -> "read-model".equals(view.get("source")) && view.get("currentPeriod") != null,
                Duration.ofSeconds(20));
        assertThat((List<Map<String, Object>>) recorded.get("addOns")).extracting(addOn -> addOn.get("quantity"))
                .containsExactly(2);
        assertThat((List<Map<String, Object>>) api.get(customer, path + "/upcoming-invoice").get("lines"))
                .extracting(line -> line.get("kind"), line -> line.get("amountMinor"))
                .containsExactly(tuple("PLAN", 3897), tuple("ADD_ON", 1000));
    }

    /** The worked example of docs/billing.md: 3 seats at 12.99 EUR, +2 seats and an add-on on day 10 of 30. */
    @Test
    @SuppressWarnings("unchecked")
    void moreSeatsAndAnAddOnMidPeriodArePreviewedThenChargedProratedAndFewerSeatsWaitForThePeriodEnd() {
        String customer = api.newCustomer();
        String path = "/v1/subscriptions/" + api.post(customer, "/v1/subscriptions", Map.of("planId", planId,
                "paymentMethod", "pm_card_visa", "quantity", 3)).body().get("id");
        ApiSession.eventually(() -> api.list(customer, path + "/invoices"),
                found -> found.size() == 1 && "PAID".equals(found.get(0).get("status")), Duration.ofSeconds(20));
        advance("P10D");

        // 20 of 30 days left: credit 38.97 × 20/30 = 25.98, charge 64.95 × 20/30 = 43.30, due 17.32.
        Map<String, Object> preview = api.post(customer, path + "/items/preview", Map.of("quantity", 5)).body();
        assertThat(preview).containsEntry("timing", "IMMEDIATELY").containsEntry("creditMinor", 2598)
                .containsEntry("chargeMinor", 4330).containsEntry("amountDueNowMinor", 1732);
        assertThat(preview.get("subscription")).isNull();
        assertThat(api.get(customer, path)).as("a preview changes nothing").containsEntry("quantity", 3);
        Map<String, Object> five = api.post(customer, path + "/items", Map.of("quantity", 5)).body();
        assertThat(five).containsEntry("amountDueNowMinor", 1732);
        assertThat((Map<String, Object>) five.get("subscription")).containsEntry("quantity", 5)
                .containsEntry("amountMinor", 6495);
        assertThat(api.get(customer, "/v1/invoices/" + five.get("invoiceId"))).containsEntry("totalMinor", 1732);

        // The add-on the same day: credit 64.95 × 20/30 = 43.30, charge 69.95 × 20/30 = 46.6333 → 46.63, due 3.33.
        Map<String, Object> support = api.post(customer, path + "/items", Map.of("addOn", this.support,
                "addOnQuantity", 1)).body();
        assertThat(support).containsEntry("creditMinor", 4330).containsEntry("chargeMinor", 4663)
                .containsEntry("amountDueNowMinor", 333);

        Map<String, Object> four = api.post(customer, path + "/items", Map.of("quantity", 4)).body();
        assertThat(four).containsEntry("timing", "AT_PERIOD_END").containsEntry("amountDueNowMinor", 0);
        assertThat(four.get("invoiceId")).isNull();
        Map<String, Object> recorded = api.get(customer, path);
        assertThat(recorded).as("read your writes").containsEntry("source", "read-model")
                .containsEntry("quantity", 5);
        assertThat((Map<String, Object>) recorded.get("scheduledItems")).containsEntry("quantity", 4);
        assertThat((List<Map<String, Object>>) api.get(customer, path + "/upcoming-invoice").get("lines"))
                .extracting(line -> line.get("kind"), line -> line.get("amountMinor"))
                .containsExactly(tuple("PLAN", 5196), tuple("ADD_ON", 500));

        HttpClientResponseException nothing = api.failure(() -> api.post(customer, path + "/items",
                Map.of("quantity", 4)));
        assertThat(nothing.code()).isEqualTo(409);
        HttpClientResponseException both = api.failure(() -> api.post(customer, path + "/items",
                Map.of("quantity", 4, "addOn", this.support, "addOnQuantity", 0)));
        assertThat(both.code()).isEqualTo(400);

        advance("P20D");
        Map<String, Object> second = ApiSession.eventually(() -> api.list(customer, path + "/invoices"),
                found -> found.size() == 4 && "PAID".equals(found.get(3).get("status")), Duration.ofSeconds(20))
                .get(3);
        assertThat(second).as("period 2: 4 × 12.99 + 5.00").containsEntry("totalMinor", 5696);
        Map<String, Object> renewed = api.get(customer, path + "?consistency=strong");
        assertThat(renewed).containsEntry("quantity", 4);
        assertThat(renewed.get("scheduledItems")).isNull();
    }

    /** What a webhook receiver reads: docs/api.md, "Events". */
    @Test
    @SuppressWarnings("unchecked")
    void theSubscriptionsEventsCarryItsSeatsAndAddOnsAndADecreaseScheduledForThePeriodEndIsAnEventToo() {
        String customer = api.newCustomer();
        String id = (String) api.post(customer, "/v1/subscriptions", Map.of("planId", planId,
                "paymentMethod", "pm_card_visa", "quantity", 3,
                "addOns", List.of(Map.of("code", support, "quantity", 2)))).body().get("id");
        String path = "/v1/subscriptions/" + id;
        ApiSession.eventually(() -> api.list(customer, path + "/invoices"),
                found -> found.size() == 1 && "PAID".equals(found.get(0).get("status")), Duration.ofSeconds(20));
        Map<String, Object> twoSupport = Map.of("code", support, "name", "Priority support",
                "unitAmountMinor", 500, "quantity", 2, "amountMinor", 1000);

        assertThat(api.post(customer, path + "/items", Map.of("quantity", 5)).body())
                .containsEntry("timing", "IMMEDIATELY");
        assertThat(api.post(customer, path + "/items", Map.of("quantity", 4)).body())
                .containsEntry("timing", "AT_PERIOD_END");

        Map<String, Object> created = subscriptionEvents(id, "customer.subscription.created").get(0);
        assertThat(objectOf(created)).containsEntry("quantity", 3).containsEntry("addOns", List.of(twoSupport))
                .containsEntry("scheduledItems", null);
        List<Map<String, Object>> updated = ApiSession.eventually(
                () -> subscriptionEvents(id, "customer.subscription.updated"),
                found -> found.stream().anyMatch(event -> objectOf(event).get("scheduledItems") != null),
                Duration.ofSeconds(20));
        assertThat(updated).as("the seats added now").anySatisfy(event -> {
            assertThat(objectOf(event)).containsEntry("quantity", 5).containsEntry("addOns", List.of(twoSupport))
                    .containsEntry("scheduledItems", null);
            assertThat(previousOf(event)).containsEntry("quantity", 3);
        });
        Map<String, Object> scheduled = updated.get(0); // newest first: the decrease waiting for the period end
        assertThat(objectOf(scheduled)).containsEntry("quantity", 5).containsEntry("scheduledItems",
                Map.of("quantity", 4, "addOns", List.of(twoSupport)));
        assertThat(previousOf(scheduled)).containsEntry("scheduledItems", null).doesNotContainKey("quantity");
    }

    /** The subscription's events of one type, newest first, as the admin's event log lists them. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> subscriptionEvents(String subscriptionId, String type) {
        return (List<Map<String, Object>>) api.get(admin, "/v1/events?resourceId=" + subscriptionId + "&type=" + type)
                .get("items");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectOf(Map<String, Object> event) {
        return (Map<String, Object>) ((Map<String, Object>) event.get("data")).get("object");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> previousOf(Map<String, Object> event) {
        return (Map<String, Object>) ((Map<String, Object>) event.get("data")).get("previousAttributes");
    }

    /** A subscription of the plan with the add-ons given, once its first period is paid; its path. */
    private String paidSubscription(String customer, List<Map<String, Object>> addOns) {
        String path = "/v1/subscriptions/" + api.post(customer, "/v1/subscriptions", Map.of("planId", planId,
                "paymentMethod", "pm_card_visa", "addOns", addOns)).body().get("id");
        ApiSession.eventually(() -> api.get(customer, path),
                view -> "read-model".equals(view.get("source")) && view.get("currentPeriod") != null,
                Duration.ofSeconds(20));
        return path;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> audited(String code) {
        return (List<Map<String, Object>>) api.get(admin, "/v1/admin/audit-log?resource=add-on:" + code)
                .get("items");
    }

    /** As plan versions: a new price is for additions from then on, and a retired add-on is kept by its carriers. */
    @Test
    @SuppressWarnings("unchecked")
    void aRepricedOrRetiredAddOnIsKeptAtItsOldPriceByThoseThatCarryItAndAddedToNobodyOnceRetired() {
        String code = "backup-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post(admin, "/v1/admin/add-ons", Map.of("code", code, "name", "Daily backup",
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 500)))).code()).isEqualTo(201);
        String early = api.newCustomer();
        String earlyPath = paidSubscription(early, List.of(Map.of("code", code)));

        Map<String, Object> repriced = api.put(admin, "/v1/admin/add-ons/" + code + "/prices", Map.of("prices",
                List.of(Map.of("currency", "EUR", "amountMinor", 700), Map.of("currency", "USD", "amountMinor",
                        800)))).body();
        assertThat(repriced).containsEntry("state", "ACTIVE").containsEntry("prices", List.of(
                Map.of("currency", "EUR", "amountMinor", 700), Map.of("currency", "USD", "amountMinor", 800)));
        assertThat(repriced.get("repricedAt")).isNotNull();
        assertThat(api.post(api.newCustomer(), "/v1/subscriptions", Map.of("planId", planId, "paymentMethod",
                "pm_card_visa", "addOns", List.of(Map.of("code", code)))).body())
                .as("a new subscriber: 12.99 + 7.00").containsEntry("amountMinor", 1999);
        assertThat((List<Map<String, Object>>) api.get(early, earlyPath + "/upcoming-invoice").get("lines"))
                .as("the early subscriber keeps 5.00").extracting(line -> line.get("kind"), line -> line.get("amountMinor"))
                .containsExactly(tuple("PLAN", 1299), tuple("ADD_ON", 500));

        HttpClientResponseException negative = api.failure(() -> api.put(admin, "/v1/admin/add-ons/" + code
                + "/prices", Map.of("prices", List.of(Map.of("currency", "EUR", "amountMinor", -1)))));
        assertThat(negative.code()).isEqualTo(400);
        assertThat(ApiSession.problem(negative).get("errors")).asString().contains("amountMinor");
        HttpClientResponseException unknown = api.failure(() -> api.put(admin, "/v1/admin/add-ons/no-such-add-on"
                + "/prices", Map.of("prices", List.of(Map.of("currency", "EUR", "amountMinor", 1)))));
        assertThat(unknown.code()).isEqualTo(404);
        assertThat(ApiSession.problem(unknown)).containsEntry("type", PROBLEMS + "not-found");
        assertThat(api.failure(() -> api.delete(admin, "/v1/admin/add-ons/no-such-add-on")).code()).isEqualTo(404);
        assertThat(api.failure(() -> api.delete(ops, "/v1/admin/add-ons/" + code)).code()).as("ops may not")
                .isEqualTo(403);

        assertThat(api.delete(admin, "/v1/admin/add-ons/" + code)).isEqualTo(204);
        Map<String, Object> retired = api.list(admin, "/v1/admin/add-ons").stream()
                .filter(addOn -> code.equals(addOn.get("code"))).findFirst().orElseThrow();
        assertThat(retired).containsEntry("state", "RETIRED").containsEntry("active", false);
        assertThat(retired.get("retiredAt")).isNotNull();
        assertThat(audited(code)).extracting(entry -> entry.get("action"))
                .containsExactly("add-on.retired", "add-on.repriced", "add-on.created");
        assertThat(audited(code).get(1)).containsEntry("outcome", "500 EUR -> 700 EUR, 800 USD");

        String late = api.newCustomer();
        HttpClientResponseException atCreate = api.failure(() -> api.post(late, "/v1/subscriptions",
                Map.of("planId", planId, "paymentMethod", "pm_card_visa", "addOns", List.of(Map.of("code", code)))));
        assertThat(atCreate.code()).isEqualTo(422);
        assertThat(ApiSession.problem(atCreate)).containsEntry("type", PROBLEMS + "add-on-retired");
        assertThat(ApiSession.problem(atCreate).get("errors")).asString().contains("/addOns/0/code");
        String latePath = paidSubscription(late, List.of());
        HttpClientResponseException added = api.failure(() -> api.post(late, latePath + "/items",
                Map.of("addOn", code, "addOnQuantity", 1)));
        assertThat(added.code()).isEqualTo(422);
        assertThat(ApiSession.problem(added)).containsEntry("type", PROBLEMS + "add-on-retired");

        Map<String, Object> two = api.post(early, earlyPath + "/items", Map.of("addOn", code, "addOnQuantity", 2))
                .body();
        assertThat((List<Map<String, Object>>) ((Map<String, Object>) two.get("subscription")).get("addOns"))
                .as("kept, still at 5.00").containsExactly(Map.of("code", code, "name", "Daily backup",
                        "unitAmountMinor", 500, "quantity", 2, "amountMinor", 1000));
    }

    @Test
    void anAddOnThatIsUnknownOrNotForThePlanIsRefusedBeforeAnythingStarts() {
        String customer = api.newCustomer();
        HttpClientResponseException unknown = api.failure(() -> api.post(customer, "/v1/subscriptions",
                Map.of("planId", planId, "paymentMethod", "pm_card_visa", "addOns", List.of(Map.of("code",
                        "no-such-add-on")))));
        assertThat(unknown.code()).isEqualTo(422);
        assertThat(ApiSession.problem(unknown).get("errors")).asString().contains("/addOns/0/code");
        HttpClientResponseException otherPlan = api.failure(() -> api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa", "addOns",
                        List.of(Map.of("code", support)))));
        assertThat(otherPlan.code()).isEqualTo(422);
        assertThat(ApiSession.problem(otherPlan).get("detail")).asString().contains("not offered with plan");
        assertThat((List<?>) api.get(customer, "/v1/subscriptions").get("items")).as("nothing started").isEmpty();
    }

    @Test
    void aQuantityOutsideOneToTenThousandIsRefusedWithAProblemNamingTheField() {
        String customer = api.newCustomer();
        for (Object quantity : List.of(0, 10_001, -3)) {
            Map<String, Object> body = new HashMap<>(Map.of("planId", planId, "paymentMethod", "pm_card_visa"));
            body.put("quantity", quantity);
            HttpClientResponseException refused = api.failure(() -> api.post(customer, "/v1/subscriptions", body));
            assertThat(refused.code()).as("quantity %s", quantity).isEqualTo(400);
            assertThat(ApiSession.problem(refused).get("errors")).asString().contains("/quantity");
        }
        assertThat((List<?>) api.get(customer, "/v1/subscriptions").get("items")).as("nothing started").isEmpty();
    }
}

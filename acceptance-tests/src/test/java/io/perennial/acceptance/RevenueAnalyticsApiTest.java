package io.perennial.acceptance;

import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.perennial.launcher.DemoAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revenue analytics on the embedded platform, against a scenario computed by hand (docs/analytics.md). Month M is the
 * first whole month on the test clock; every subscriber is on plan_digital_monthly (12.99 EUR, 14-day trial).
 *
 * <pre>
 * M/1  01:00  A, B and C subscribe: trials, no MRR.
 * M/15 01:00  the trials end and each pays 12.99: MRR 3 × 1299 = 3897, all of it new (3 conversions of 3 trials).
 * M/20        C switches to a card that is declined.
 * M/25        B upgrades to plan_digital_yearly (129.00 / 12 = 10.75 a month): a contraction of 1299 − 1075 = 224.
 *             MRR at the end of M: 1299 + 1075 + 1299 = 3673.
 * M+1/15      A renews; C's renewal is declined (PAST_DUE still counts), then retried on days 1, 3, 5 and 7:
 *             5 failed charges of 1299 = 6495, none recovered.
 * M+1/22      the last retry fails and C is canceled (payment_failed, involuntary): churned 1299.
 *             MRR at the end of M+1: 1299 + 1075 = 2374.
 * Churn of M+1: 1 of 3 customers = 3333 bp; revenue 1299 / 3673 = 0.353662 → 3537 bp; NRR 2374 / 3673 = 0.646338
 * → 6463 bp (basis points, HALF_UP). Cohort M: 3 subscribers, 3 paying at the end of M, 2 at the end of M+1.
 * </pre>
 * The scenario is played once, before the tests; the console's dashboard is read midway and at the end, so its
 * figures are those of the scenario whatever the other tests add later.
 */
@PlatformTest(ownPlatform = true)
class RevenueAnalyticsApiTest {

    private TestPlatform platform;
    private ApiSession api;
    private RawHttp raw;
    private String ops;
    private String admin;
    private HttpClient http;

    private YearMonth m;
    private YearMonth next;
    private List<Map<String, Object>> mrrRolledUpBySchedule;
    private Map<String, Object> backfill;
    private ConsoleDashboardPage dashboardWhilePastDue;
    private ConsoleDashboardPage dashboardAtTheEnd;
    private ConsoleDashboardPage chineseDashboardAtTheEnd;
    private ConsoleDashboardPage opsDashboardAtTheEnd;
    private String lowSku;

    @BeforeAll
    void start() throws java.net.MalformedURLException {
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setFollowRedirects(false);
        http = HttpClient.create(platform.baseUrl().toURL(), configuration);
        playTheScenario();
    }

    @AfterAll
    void stop() {
        http.close();
    }

    /** The console's home page as staff see it after signing in, in {@code language} (null: the default). */
    private ConsoleDashboardPage dashboard(String email, String password, String language) {
        PortalBrowser browser = new PortalBrowser(http.toBlocking());
        browser.language = language;
        PortalBrowser.Page signedIn = browser.post("/console/signin", browser.get("/console/signin"),
                Map.of("email", email, "password", password));
        assertThat(signedIn.header("Location")).isEqualTo("/console");
        PortalBrowser.Page page = browser.get("/console");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return new ConsoleDashboardPage(page.body());
    }

    /** A SKU below its reorder point and one paid order: what the dashboard counts from the read models. */
    private void lowStockAndAnOrder() {
        lowSku = "DASH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        api.post(admin, "/v1/admin/products", Map.of("id", "dash-box", "name", "Box", "kind", "PHYSICAL"));
        api.post(admin, "/v1/admin/suppliers", Map.of("id", "dash-roaster", "name", "Roaster", "leadTime", "P4D"));
        api.post(admin, "/v1/admin/skus", Map.of("sku", lowSku, "productId", "dash-box", "name", "Beans 1 kg",
                "initialOnHand", 2, "reorderPoint", 5, "reorderQuantity", 24, "preferredSupplierId", "dash-roaster"));
        String buyer = api.newCustomer();
        String order = (String) api.post(buyer, "/v1/orders", Map.of("lines",
                List.of(Map.of("sku", io.perennial.launcher.DemoStock.SKU, "quantity", 1)),
                "shippingAddress", Map.of("recipient", "Ada Lovelace", "line1", "Keizersgracht 1",
                        "city", "Amsterdam", "postalCode", "1015 AB", "countryCode", "NL"),
                "paymentMethod", "pm_card_visa")).body().get("id");
        ApiSession.eventually(() -> api.get(buyer, "/v1/orders/" + order),
                view -> ((Number) view.get("chargedMinor")).longValue() > 0, Duration.ofSeconds(30));
    }

    @Test
    void theConsoleDashboardShowsAdminsTheScenariosRevenueAndEveryoneTheReadModelsCounts() {
        // Midway (M+1/15, C past due): MRR is still that of the end of M, and one renewal has failed, declined.
        assertThat(dashboardWhilePastDue.figures()).containsEntry("mrr", 3673L)
                .containsEntry("active-subscribers", 3L).containsEntry("failed-renewals", 1L);
        assertThat(dashboardWhilePastDue.bars("failed-renewals-by-reason")).containsEntry("declined", 1L)
                .containsEntry("gateway_unavailable", 0L);

        // At the end of M+1: the figures of the analytics API, and C is no longer a failed renewal but churned.
        assertThat(dashboardAtTheEnd.figures()).containsEntry("mrr", 2374L).containsEntry("active-subscribers", 2L)
                .containsEntry("logo-churn", 3333L).containsEntry("revenue-churn", 3537L)
                .containsEntry("failed-renewals", 0L).containsEntry("stock-low", 1L);
        assertThat(dashboardAtTheEnd.shown("mrr")).isEqualTo("€23.74");
        assertThat(dashboardAtTheEnd.shown("logo-churn")).isEqualTo("33.33%");
        assertThat(dashboardAtTheEnd.bars("mrr-by-month")).hasSize(6).containsEntry(m.toString(), 3673L)
                .containsEntry(next.toString(), 2374L).containsEntry(m.minusMonths(1).toString(), 0L);
        assertThat(dashboardAtTheEnd.bars("movements")).containsExactly(Map.entry("new", 0L),
                Map.entry("reactivated", 0L), Map.entry("expansion", 0L), Map.entry("contraction", 0L),
                Map.entry("churned", -1299L));
        assertThat(dashboardAtTheEnd.bars("churn-by-month")).containsEntry(next.toString(), 3333L);
        assertThat(dashboardAtTheEnd.bars("orders-by-status").values()).as("the one order, at whatever step")
                .containsExactly(1L);
        assertThat(dashboardAtTheEnd.html()).contains("data-sku=\"" + lowSku + "\"",
                "id=\"as-of\"", next.atEndOfMonth().getYear() + "");

        assertThat(chineseDashboardAtTheEnd.html()).contains("lang=\"zh-CN\"", "活跃订阅者", "各月末 MRR", "流失")
                .doesNotContain("Active subscribers");
        assertThat(chineseDashboardAtTheEnd.figures()).isEqualTo(dashboardAtTheEnd.figures());
        assertThat(chineseDashboardAtTheEnd.shown("mrr")).isEqualTo("€23.74");

        // OPS see the operations, not the revenue, as the analytics API answers them 403.
        assertThat(opsDashboardAtTheEnd.figures()).containsOnlyKeys("failed-renewals", "stock-low");
        assertThat(opsDashboardAtTheEnd.bars("mrr-by-month")).isEmpty();
        assertThat(opsDashboardAtTheEnd.html()).contains("id=\"revenue-admin-only\"");
    }

    private Instant now() {
        return Instant.parse((String) api.get(ops, "/v1/dev/clock").get("now"));
    }

    private void advanceTo(Instant at) {
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", Duration.between(now(), at).toString()));
    }

    private String subscribe(String customer) {
        return (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
    }

    private Map<String, Object> status(String customer, String id, String expected) {
        return ApiSession.eventually(() -> api.get(customer, "/v1/subscriptions/" + id),
                view -> expected.equals(view.get("status")), Duration.ofSeconds(20));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(String report, YearMonth from, YearMonth to) {
        return (List<Map<String, Object>>) api.get(admin, "/v1/admin/analytics/" + report + "?from=" + from.atDay(1)
                + "&to=" + to.atEndOfMonth() + "&interval=month").get("items");
    }

    /** Plays the scenario of the class comment, with the console's dashboard seen midway and at the end. */
    private void playTheScenario() {
        m = YearMonth.from(now().atZone(ZoneOffset.UTC)).plusMonths(1);
        next = m.plusMonths(1);
        advanceTo(m.atDay(1).atTime(1, 0).toInstant(ZoneOffset.UTC));
        String a = api.newCustomer();
        String b = api.newCustomer();
        String c = api.newCustomer();
        String subA = subscribe(a);
        String subB = subscribe(b);
        String subC = subscribe(c);
        status(c, subC, "TRIALING");

        advanceTo(m.atDay(15).atTime(2, 0).toInstant(ZoneOffset.UTC));
        status(a, subA, "ACTIVE");
        status(b, subB, "ACTIVE");
        status(c, subC, "ACTIVE");
        advanceTo(m.atDay(20).atTime(2, 0).toInstant(ZoneOffset.UTC));
        assertThat(api.put(c, "/v1/subscriptions/" + subC + "/payment-method",
                Map.of("paymentMethod", "pm_card_chargeDeclined")).code()).isEqualTo(202);
        advanceTo(m.atDay(25).atTime(2, 0).toInstant(ZoneOffset.UTC));
        assertThat(api.post(b, "/v1/subscriptions/" + subB + "/plan-change",
                Map.of("planId", "plan_digital_yearly")).code()).isEqualTo(200);
        advanceTo(next.atDay(15).atTime(2, 0).toInstant(ZoneOffset.UTC));
        status(c, subC, "PAST_DUE");
        // Once the roll-up has reached M+1 and the read model holds C's failure.
        dashboardWhilePastDue = ApiSession.eventually(
                () -> dashboard(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD, null),
                page -> page.bars("mrr-by-month").containsKey(next.toString())
                        && Long.valueOf(1).equals(page.figures().get("failed-renewals")), Duration.ofSeconds(30));
        // The last hour of M+1 (C was canceled on its 22nd), not past midnight: the daily Schedule's runs (a timer loop
        // on the test clock here) come at the platform's start time of day, and one early on M+2/1 would roll up the
        // new month, which the dashboard would then show (this failed whenever the suite started between 00:00 and
        // 02:00 UTC).
        advanceTo(next.atEndOfMonth().atTime(23, 0).toInstant(ZoneOffset.UTC));
        status(c, subC, "CANCELED");
        // The daily Schedule has already rolled up M+1 past C's cancel.
        mrrRolledUpBySchedule = items("mrr", next, next);

        // A backfill of the whole range recomputes every day: the same figures.
        backfill = api.post(ops, "/v1/ops/analytics/backfill",
                Map.of("from", m.minusMonths(1).atDay(1).toString(), "to", next.atEndOfMonth().toString())).body();
        lowStockAndAnOrder();
        dashboardAtTheEnd = dashboard(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD, null);
        chineseDashboardAtTheEnd = dashboard(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD, "zh-CN,zh;q=0.9");
        opsDashboardAtTheEnd = dashboard(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD, null);
        // A new day, so the tests that count today's orders count only their own.
        advanceTo(now().plus(Duration.ofDays(1)));
    }

    @Test
    void theMrrMovementsChurnDunningAndCohortsOfAHandComputedScenarioAreExactToTheCent() {
        assertThat(mrrRolledUpBySchedule).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("mrrMinor", 2374));
        assertThat(backfill).containsKey("workflowId").containsEntry("days",
                m.minusMonths(1).lengthOfMonth() + m.lengthOfMonth() + next.lengthOfMonth());

        assertThat(items("mrr", m, next)).extracting(row -> row.get("period"), row -> row.get("mrrMinor"),
                        row -> row.get("arrMinor"), row -> row.get("activeSubscribers"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(m.toString(), 3673, 44076, 3),
                        org.assertj.core.groups.Tuple.tuple(next.toString(), 2374, 28488, 2));
        assertThat(items("movements", m, next)).extracting(row -> row.get("startMrrMinor"),
                        row -> row.get("newMinor"), row -> row.get("expansionMinor"),
                        row -> row.get("contractionMinor"), row -> row.get("churnedMinor"),
                        row -> row.get("reactivatedMinor"), row -> row.get("endMrrMinor"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 3897, 0, 224, 0, 0, 3673),
                        org.assertj.core.groups.Tuple.tuple(3673, 0, 0, 0, 1299, 0, 2374));
        Map<String, Object> churn = items("churn", next, next).get(0);
        assertThat(churn).containsEntry("startCustomers", 3).containsEntry("churnedCustomers", 1)
                .containsEntry("logoChurnBp", 3333).containsEntry("revenueChurnBp", 3537)
                .containsEntry("netRevenueRetentionBp", 6463).containsEntry("involuntaryCancellations", 1)
                .containsEntry("voluntaryCancellations", 0);
        assertThat(items("churn", m, m).get(0)).containsEntry("trialsEnded", 3).containsEntry("trialConversions", 3)
                .containsEntry("trialConversionBp", 10000)
                .as("no customers at the start of M: no churn rate, rather than 0").doesNotContainKey("logoChurnBp");
        assertThat(items("dunning", next, next).get(0)).containsEntry("failedCharges", 5)
                .containsEntry("failedMinor", 6495).containsEntry("recoveredInvoices", 0)
                .containsEntry("lostInvoices", 1).containsEntry("recoveryRateBp", 0);
        assertThat(items("cohorts", m, next)).extracting(row -> row.get("cohort"),
                        row -> row.get("monthsSinceStart"), row -> row.get("subscribers"), row -> row.get("retained"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(m.toString(), 0, 3, 3),
                        org.assertj.core.groups.Tuple.tuple(m.toString(), 1, 3, 2));

        RawHttp.Answer csv = raw.get(admin, "/v1/admin/analytics/mrr?from=" + m.atDay(1) + "&to="
                + next.atEndOfMonth() + "&interval=month", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).isEqualTo("text/csv");
        assertThat(csv.body().split("\r\n")).containsExactly(
                "period,currency,mrrMinor,arrMinor,payingCustomers,activeSubscribers,trialing,unconvertedCurrencies",
                m + ",EUR,3673,44076,3,3,0,", next + ",EUR,2374,28488,2,2,0,");
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsAValidationProblemNotAReport() {
        RawHttp.Answer answer = raw.call(admin, "GET", "/v1/admin/analytics/mrr?from=2027-03-01&to=2027-02-01",
                null);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.problem()).containsEntry("type", "https://perennial.dev/problems/validation");
        assertThat(raw.call(admin, "GET", "/v1/admin/analytics/churn?from=yesterday&to=2027-02-01", null).status())
                .isEqualTo(400);
        assertThat(raw.call(ops, "GET", "/v1/admin/analytics/mrr?from=2027-01-01&to=2027-02-01", null).status())
                .isEqualTo(403);
        assertThat(raw.call(ops, "POST", "/v1/ops/analytics/backfill", Map.of("from", "2027-01-01",
                "to", "2029-01-01")).status()).isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void adminsSetRatesByHandAndImportTheEcbsReferenceRates() {
        assertThat(api.put(admin, "/v1/admin/exchange-rates/USD/2027-01-04", Map.of("rate", 1.0834)).body())
                .containsEntry("currency", "USD").containsEntry("source", "admin");
        RawHttp.Answer imported = raw.call(admin, "POST", "/v1/admin/exchange-rates/ecb", "text/csv", """
                Date,USD,JPY,CYP,
                2027-01-05,1.0901,162.5,N/A,
                2027-01-04,1.0850,161.9,N/A,
                """);
        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.json()).containsEntry("rates", 4).containsEntry("firstDate", "2027-01-04");

        List<Map<String, Object>> rates = (List<Map<String, Object>>) api.get(admin,
                "/v1/admin/exchange-rates?from=2027-01-01&to=2027-01-31").get("items");
        // The import replaced the hand-set rate of 4 January.
        assertThat(rates).extracting(rate -> rate.get("date"), rate -> rate.get("currency"),
                        rate -> rate.get("source"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2027-01-04", "JPY", "ecb"),
                        org.assertj.core.groups.Tuple.tuple("2027-01-04", "USD", "ecb"),
                        org.assertj.core.groups.Tuple.tuple("2027-01-05", "JPY", "ecb"),
                        org.assertj.core.groups.Tuple.tuple("2027-01-05", "USD", "ecb"));
        assertThat(raw.call(admin, "PUT", "/v1/admin/exchange-rates/EUR/2027-01-04", Map.of("rate", 1)).status())
                .as("the reporting currency has no rate").isEqualTo(400);
        assertThat(raw.call(admin, "POST", "/v1/admin/exchange-rates/ecb", "text/csv", "not,a rate file\n")
                .status()).isEqualTo(400);
        RawHttp.Answer json = raw.call(admin, "POST", "/v1/admin/exchange-rates/ecb", Map.of("USD", 1.08));
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.problem()).containsEntry("type", "https://perennial.dev/problems/unsupported-media-type");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPaidOrderCountsItsRevenueAndItsUnitsPerSkuOnTheDayItWasPaid() {
        String buyer = api.newCustomer();
        Map<String, Object> address = Map.of("recipient", "Ada Lovelace", "line1", "Keizersgracht 1", "city", "Amsterdam",
                "postalCode", "1015 AB", "countryCode", "NL");
        String id = (String) api.post(buyer, "/v1/orders", Map.of("lines",
                List.of(Map.of("sku", io.perennial.launcher.DemoStock.SKU, "quantity", 2)),
                "shippingAddress", address, "paymentMethod", "pm_card_visa")).body().get("id");
        ApiSession.eventually(() -> api.get(buyer, "/v1/orders/" + id),
                view -> ((Number) view.get("chargedMinor")).longValue() > 0, Duration.ofSeconds(30));
        String today = now().atZone(ZoneOffset.UTC).toLocalDate().toString();

        api.post(ops, "/v1/ops/analytics/backfill", Map.of("from", today, "to", today));

        // Two units at the demo SKU's 12.50: 2500.
        assertThat((List<Map<String, Object>>) api.get(admin, "/v1/admin/analytics/orders?from=" + today + "&to="
                + today).get("items")).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("ordersPaid", 1).containsEntry("revenueMinor", 2500)
                .containsEntry("refundedMinor", 0).containsEntry("netMinor", 2500));
        assertThat((List<Map<String, Object>>) api.get(admin, "/v1/admin/analytics/orders/units?from=" + today
                + "&to=" + today).get("items")).extracting(row -> row.get("sku"), row -> row.get("kind"),
                        row -> row.get("units"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(io.perennial.launcher.DemoStock.SKU, "ORDER", 2));
    }
}

package io.perennial.acceptance;

import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import io.perennial.payment.SimulatedGatewayLedger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The billing engine through the public API on the embedded platform: coupons and referrals, invoices, plan
 * changes, pause, cancel and uncancel, dunning recovered by a new card, a plan that suspends when dunning is used
 * up, and the problems clients get for changes
 * the subscription's state does not allow. Time moves with the test clock.
 */
@PlatformTest(ownPlatform = true)
class SubscriptionBillingApiTest {

    private TestPlatform platform;
    private ApiSession api;
    private String ops;
    private String admin;

    @BeforeAll
    void start() {
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
    }

    private void advance(String duration) {
        api.post(ops, "/v1/dev/clock/advance", Map.of("duration", duration));
    }

    private String subscribe(String customer, Map<String, Object> body) {
        return (String) api.post(customer, "/v1/subscriptions", body).body().get("id");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Map<String, Object> invoice) {
        return (List<Map<String, Object>>) invoice.get("lines");
    }

    @Test
    void aCouponDiscountsTheRefereesInvoicesAndTheReferralCreditPaysTheReferrersNextOne() {
        assertThat(api.post(admin, "/v1/admin/coupons", Map.of("code", "spring15", "name", "Spring, 15% off",
                "percentOffBasisPoints", 1500, "duration", "REPEATING", "durationPeriods", 3)).code()).isEqualTo(201);
        String referrer = api.newCustomer();
        String referralCode = (String) api.get(referrer, "/v1/customers/me").get("referralCode");
        assertThat(referralCode).isNotBlank();
        String referrerSubscription = subscribe(referrer,
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa"));
        // The referrer pays for a first month before the referee arrives, so the reward has one place to go:
        // the referrer's next invoice.
        advance("P15D");
        ApiSession.eventually(() -> api.list(referrer, "/v1/subscriptions/" + referrerSubscription + "/invoices"),
                invoices -> invoices.size() == 1 && "PAID".equals(invoices.get(0).get("status")),
                Duration.ofSeconds(10));

        String referee = api.newCustomer();
        String refereeSubscription = subscribe(referee, Map.of("planId", "plan_digital_monthly",
                "paymentMethod", "pm_card_visa", "couponCode", "SPRING15", "referralCode", referralCode));
        ApiSession.eventually(() -> api.get(referee, "/v1/subscriptions/" + refereeSubscription),
                view -> "SPRING15".equals(view.get("couponCode")), Duration.ofSeconds(10));

        advance("P15D");
        List<Map<String, Object>> refereeInvoices = ApiSession.eventually(
                () -> api.list(referee, "/v1/subscriptions/" + refereeSubscription + "/invoices"),
                invoices -> invoices.size() == 1 && "PAID".equals(invoices.get(0).get("status")),
                Duration.ofSeconds(10));
        // 15% of 12.99 is 1.9485, rounded half up to 1.95.
        assertThat(refereeInvoices.get(0)).containsEntry("status", "PAID").containsEntry("totalMinor", 1104);
        assertThat(lines(refereeInvoices.get(0))).extracting(line -> line.get("kind"), line -> line.get("amountMinor"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PLAN", 1299),
                        org.assertj.core.groups.Tuple.tuple("DISCOUNT", -195));

        advance("P16D");
        List<Map<String, Object>> referrerInvoices = ApiSession.eventually(
                () -> api.list(referrer, "/v1/subscriptions/" + referrerSubscription + "/invoices"),
                invoices -> invoices.size() == 2 && "PAID".equals(invoices.get(1).get("status")),
                Duration.ofSeconds(10));
        assertThat(referrerInvoices).extracting(invoice -> invoice.get("totalMinor")).containsExactly(1299, 799);
        assertThat(lines(referrerInvoices.get(1))).extracting(line -> line.get("kind"))
                .containsExactly("PLAN", "ACCOUNT_CREDIT");
        assertThat(api.list(referrer, "/v1/subscriptions/" + referrerSubscription + "/payments"))
                .extracting(payment -> payment.get("amountMinor"), payment -> payment.get("status"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1299, "SUCCEEDED"),
                        org.assertj.core.groups.Tuple.tuple(799, "SUCCEEDED"));

        // My invoices, one per page, newest first.
        Map<String, Object> first = api.get(referrer, "/v1/invoices?limit=1");
        assertThat((List<?>) first.get("items")).hasSize(1);
        Map<String, Object> second = api.get(referrer, "/v1/invoices?limit=1&after=" + first.get("next"));
        assertThat((List<?>) second.get("items")).hasSize(1);
        assertThat(second.get("next")).isNull();

        // The referee cannot read the referrer's invoices: 404, as if they did not exist.
        HttpClientResponseException foreign = api.failure(() -> api.list(referee,
                "/v1/subscriptions/" + referrerSubscription + "/invoices"));
        assertThat(foreign.code()).isEqualTo(404);
    }

    @Test
    void aCouponOrReferralThatCannotApplyIsRefusedBeforeAnythingStarts() {
        String customer = api.newCustomer();
        HttpClientResponseException coupon = api.failure(() -> api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa", "couponCode", "NOPE")));
        assertThat(coupon.code()).isEqualTo(422);
        assertThat(ApiSession.problem(coupon)).containsEntry("type", "https://perennial.dev/problems/coupon-rejected");

        String ownCode = (String) api.get(customer, "/v1/customers/me").get("referralCode");
        HttpClientResponseException selfReferral = api.failure(() -> api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa", "referralCode", ownCode)));
        assertThat(selfReferral.code()).isEqualTo(422);
        assertThat((List<?>) api.get(customer, "/v1/subscriptions").get("items")).isEmpty();
    }

    @Test
    void anUpgradeIsPreviewedThenChargedAndPauseCancelAndUncancelAnswerWithTheNewState() {
        String customer = api.newCustomer();
        String id = subscribe(customer, Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa"));
        String path = "/v1/subscriptions/" + id;
        advance("P15D");
        advance("P10D");

        Map<String, Object> preview = api.post(customer, path + "/plan-change/preview",
                Map.of("planId", "plan_digital_yearly")).body();
        assertThat(preview).containsEntry("timing", "IMMEDIATELY").containsEntry("chargeMinor", 12900);
        long credit = ((Number) preview.get("creditMinor")).longValue();
        assertThat(credit).isBetween(1L, 1298L);
        assertThat(preview).containsEntry("amountDueNowMinor", (int) (12900 - credit));
        assertThat(api.get(customer, path)).containsEntry("planId", "plan_digital_monthly");

        Map<String, Object> changed = api.post(customer, path + "/plan-change",
                Map.of("planId", "plan_digital_yearly")).body();
        assertThat(((Number) changed.get("creditMinor")).longValue()).isBetween(credit - 1, credit + 1);
        assertThat((Map<String, Object>) changed.get("subscription")).containsEntry("planId", "plan_digital_yearly");
        assertThat(api.list(customer, path + "/invoices")).last()
                .satisfies(invoice -> assertThat(lines(invoice)).extracting(line -> line.get("kind"))
                        .containsExactly("PRORATION_CREDIT", "PRORATION_CHARGE"));

        HttpClientResponseException samePlan = api.failure(() -> api.post(customer, path + "/plan-change",
                Map.of("planId", "plan_digital_yearly")));
        assertThat(samePlan.code()).isEqualTo(409);
        // The validator's own words, through the payload codec (they used to arrive as "Encoded failure").
        assertThat(ApiSession.problem(samePlan))
                .containsEntry("type", "https://perennial.dev/problems/change-not-allowed")
                .containsEntry("detail", "The subscription is already on plan_digital_yearly.");

        assertThat(api.post(customer, path + "/pause", Map.of("timing", "IMMEDIATELY")).body())
                .containsEntry("status", "PAUSED");
        assertThat(api.failure(() -> api.post(customer, path + "/pause", Map.of())).code()).isEqualTo(409);
        assertThat(api.post(customer, path + "/resume", Map.of()).body()).containsEntry("status", "ACTIVE");

        assertThat(api.post(customer, path + "/cancel", Map.of()).body())
                .containsEntry("status", "ACTIVE").containsEntry("cancelAtPeriodEnd", true);
        assertThat(api.post(customer, path + "/uncancel", Map.of()).body()).containsEntry("cancelAtPeriodEnd", false);
        assertThat(api.failure(() -> api.post(customer, path + "/uncancel", Map.of())).code()).isEqualTo(409);

        assertThat(api.post(customer, path + "/cancel", Map.of("timing", "IMMEDIATELY", "refundUnused", true)).body())
                .containsEntry("status", "CANCELED");
        HttpClientResponseException ended = api.failure(() -> api.post(customer, path + "/resume", Map.of()));
        assertThat(ApiSession.problem(ended)).containsEntry("type", "https://perennial.dev/problems/subscription-ended");
    }

    @Test
    void aMoveToYearlyIsDiscountedByTheCouponTheSubscriptionCarries() {
        assertThat(api.post(admin, "/v1/admin/coupons", Map.of("code", "loyal20", "name", "Loyal, 20% off",
                "percentOffBasisPoints", 2000, "duration", "FOREVER")).code()).isEqualTo(201);
        String customer = api.newCustomer();
        String id = subscribe(customer, Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa",
                "couponCode", "LOYAL20"));
        String path = "/v1/subscriptions/" + id;
        advance("P15D");
        ApiSession.eventually(() -> api.list(customer, path + "/invoices"),
                invoices -> invoices.size() == 1 && "PAID".equals(invoices.get(0).get("status")),
                Duration.ofSeconds(10));

        // The yearly period is a new invoice with the coupon on it: 12900 - 20% = 10320 (docs/billing.md).
        Map<String, Object> preview = api.post(customer, path + "/plan-change/preview",
                Map.of("planId", "plan_digital_yearly")).body();
        assertThat(preview).containsEntry("chargeMinor", 10320).containsEntry("discountMinor", 2580);
        api.post(customer, path + "/plan-change", Map.of("planId", "plan_digital_yearly"));
        assertThat(api.list(customer, path + "/invoices")).last()
                .satisfies(invoice -> assertThat(lines(invoice))
                        .extracting(line -> line.get("kind"), line -> line.get("amountMinor"))
                        .contains(org.assertj.core.groups.Tuple.tuple("PRORATION_CHARGE", 12900),
                                org.assertj.core.groups.Tuple.tuple("DISCOUNT", -2580)));
    }

    @Test
    void aDeclinedFirstChargeGoesPastDueAndANewCardRecoversItAtOnce() {
        String customer = api.newCustomer();
        String id = subscribe(customer, Map.of("planId", "plan_digital_yearly", "paymentMethod", "pm_card_declined"));
        String path = "/v1/subscriptions/" + id;
        Map<String, Object> pastDue = ApiSession.eventually(() -> api.get(customer, path),
                view -> "PAST_DUE".equals(view.get("status")), Duration.ofSeconds(10));
        assertThat(pastDue).containsEntry("failedPaymentCount", 1);
        assertThat(pastDue.get("nextRetryAt")).isNotNull();

        // Ops "retry now" is for staff only; the customer fixes it with a new card.
        assertThat(api.failure(() -> api.post(customer, "/v1/ops/renewals/" + id + "/retry", Map.of())).code())
                .isEqualTo(403);
        assertThat(api.put(customer, path + "/payment-method", Map.of("paymentMethod", "pm_card_visa")).code())
                .isEqualTo(202);
        ApiSession.eventually(() -> api.get(customer, path), view -> "ACTIVE".equals(view.get("status")),
                Duration.ofSeconds(10));
        assertThat(api.list(customer, path + "/payments")).extracting(payment -> payment.get("status"))
                .containsExactly("DECLINED", "SUCCEEDED");
        // One successful charge at the provider: the declined attempt moved no money.
        assertThat(platform.bean(SimulatedGatewayLedger.class).countCharges(id + ":")).isEqualTo(1);

        HttpClientResponseException nothingToRetry = api.failure(() ->
                api.post(ops, "/v1/ops/renewals/" + id + "/retry", Map.of()));
        assertThat(nothingToRetry.code()).isEqualTo(409);
    }

    @Test
    void onAPlanThatSuspendsDunningUsedUpLeavesTheInvoiceOpenAndANewCardMakesTheSubscriptionActiveAgain() {
        HttpClientResponseException unknownOutcome = api.failure(() -> api.post(admin, "/v1/admin/plans",
                Map.of("id", "plan_suspending_bad", "productId", "prod_digital", "name", "Bad",
                        "interval", Map.of("unit", "MONTH", "count", 1), "dunningOutcome", "FORGIVE",
                        "prices", List.of(Map.of("currency", "EUR", "amountMinor", 900)))));
        assertThat(unknownOutcome.code()).isEqualTo(400);
        Map<String, Object> plan = api.post(admin, "/v1/admin/plans", Map.of("id", "plan_suspending",
                "productId", "prod_digital", "name", "Suspends when unpaid",
                "interval", Map.of("unit", "MONTH", "count", 1), "dunningOutcome", "SUSPEND",
                "prices", List.of(Map.of("currency", "EUR", "amountMinor", 900)))).body();
        assertThat(plan).containsEntry("dunningOutcome", "SUSPEND");
        assertThat(api.list(null, "/v1/plans")).filteredOn(found -> "plan_digital_monthly".equals(found.get("id")))
                .singleElement().satisfies(found -> assertThat(found).containsEntry("dunningOutcome", "CANCEL"));

        String customer = api.newCustomer();
        String id = subscribe(customer, Map.of("planId", "plan_suspending", "paymentMethod", "pm_card_declined"));
        String path = "/v1/subscriptions/" + id;
        ApiSession.eventually(() -> api.get(customer, path), view -> "PAST_DUE".equals(view.get("status")),
                Duration.ofSeconds(10));
        advance("P8D");
        Map<String, Object> suspended = ApiSession.eventually(() -> api.get(customer, path),
                view -> "SUSPENDED".equals(view.get("status")), Duration.ofSeconds(20));
        assertThat(suspended).containsEntry("failedPaymentCount", 5).containsEntry("paymentIssue", "declined")
                .doesNotContainKeys("cancelReason", "canceledAt", "nextBillingAt", "nextRetryAt");
        assertThat(api.list(customer, path + "/invoices")).singleElement()
                .satisfies(invoice -> assertThat(invoice).containsEntry("status", "OPEN"));
        // Ops still find it among the failed renewals.
        assertThat(api.get(ops, "/v1/ops/renewals/failed?planId=plan_suspending").toString()).contains(id);

        assertThat(api.put(customer, path + "/payment-method", Map.of("paymentMethod", "pm_card_visa")).code())
                .isEqualTo(202);
        ApiSession.eventually(() -> api.get(customer, path), view -> "ACTIVE".equals(view.get("status")),
                Duration.ofSeconds(10));
        assertThat(api.list(customer, path + "/invoices")).singleElement()
                .satisfies(invoice -> assertThat(invoice).containsEntry("status", "PAID"));
        assertThat(api.list(customer, path + "/payments")).extracting(payment -> payment.get("status"))
                .containsExactly("DECLINED", "DECLINED", "DECLINED", "DECLINED", "DECLINED", "SUCCEEDED");
        assertThat(platform.bean(SimulatedGatewayLedger.class).countCharges(id + ":")).isEqualTo(1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = ApiSession.eventually(() -> (List<Map<String, Object>>) api.get(admin,
                        "/v1/events?resourceId=" + id).get("items"),
                found -> found.stream().anyMatch(event -> "customer.subscription.reactivated".equals(event.get("type"))),
                Duration.ofSeconds(10));
        assertThat(events).extracting(event -> event.get("type"))
                .contains("customer.subscription.suspended", "customer.subscription.reactivated");
    }
}

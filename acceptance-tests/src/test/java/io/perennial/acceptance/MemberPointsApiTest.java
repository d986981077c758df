package io.perennial.acceptance;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Member points through the API on the test clock (docs/analytics.md, "Member points"), with points expiring 90 days
 * after they are earned. One subscriber on plan_digital_monthly (12.99 EUR, 14-day trial, 1 point per euro):
 *
 * <pre>
 * day 14      the trial ends, 12.99 paid: +12 (expires day 104)
 * day 42–45   renewal (a calendar month later), 12.99 paid: +12 (expires ~day 134)
 * day 46      ops refund 6.50 of it: −⌊12 × 650 / 1299⌋ = −6; ops grant +482 (expires day 136): 500;
 *             redeem 300 → 3.00 credit: 200
 * day 73–76   renewal: 3.00 of credit spent, 9.99 paid: +9: 209
 * ~day 105    renewal +12: 221 (the weekly expiry finds day 104's 12 points spent already)
 * ~day 135    renewal +12: 233
 * day 150     the weekly expiry has run past day 136: of the 506 points expired by then, 306 were spent (oldest
 *             first), so 200 expire: 33 left
 * </pre>
 */
@PlatformTest(ownPlatform = true, properties = {"perennial.points.expire-after=90d",
        // Not about analytics: no daily roll-ups across five months of the test clock.
        "perennial.periodic-jobs.analytics-every=3650d"})
class MemberPointsApiTest {

    private TestPlatform platform;
    private ApiSession api;
    private String ops;

    @BeforeAll
    void start() {
        ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
    }

    private Instant now() {
        return Instant.parse((String) api.get(ops, "/v1/dev/clock").get("now"));
    }

    private void advanceTo(Instant at) {
        // In steps, each well inside the client's read timeout.
        while (now().isBefore(at)) {
            Duration step = Duration.between(now(), at);
            api.post(ops, "/v1/dev/clock/advance", Map.of("duration",
                    (step.compareTo(Duration.ofDays(10)) > 0 ? Duration.ofDays(10) : step).toString()));
        }
    }

    private HttpResponse<Map<String, Object>> post(String token, String path, Object body, String key) {
        return platform.client.toBlocking().exchange(HttpRequest.POST(path, body).bearerAuth(token)
                .header("Idempotency-Key", key), ApiSession.JSON);
    }

    private long points(String customer) {
        return ((Number) api.get(customer, "/v1/customers/me/points").get("balance")).longValue();
    }

    private long pointsEventually(String customer, long expected) {
        return ApiSession.eventually(() -> points(customer), balance -> balance == expected, Duration.ofSeconds(20));
    }

    @SuppressWarnings("unchecked")
    private long credit(String customer) {
        List<Map<String, Object>> balances = (List<Map<String, Object>>) api.get(customer, "/v1/customers/me/credit")
                .get("balances");
        return balances.stream().filter(balance -> "EUR".equals(balance.get("currency")))
                .mapToLong(balance -> ((Number) balance.get("balanceMinor")).longValue()).sum();
    }

    @SuppressWarnings("unchecked")
    private int lastPaidPeriod(String customer) {
        return ((List<Map<String, Object>>) api.get(customer, "/v1/invoices?limit=100").get("items")).stream()
                .filter(invoice -> "PAID".equals(invoice.get("status")))
                .mapToInt(invoice -> ((Number) invoice.get("period")).intValue()).max().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> invoiceOfPeriod(String customer, int period) {
        return ApiSession.eventually(() -> ((List<Map<String, Object>>) api.get(customer, "/v1/invoices?limit=100")
                                .get("items")).stream()
                        .filter(invoice -> ((Number) invoice.get("period")).intValue() == period
                                && "PAID".equals(invoice.get("status"))).findFirst().orElse(null),
                invoice -> invoice != null, Duration.ofSeconds(20));
    }

    @Test
    void pointsAreEarnedOnRenewalsClawedBackByARefundRedeemedIntoCreditThatTheNextInvoiceSpendsAndExpire() {
        Instant start = now();
        String customer = api.newCustomer();
        String subscription = (String) api.post(customer, "/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa")).body().get("id");
        String customerId = (String) api.get(customer, "/v1/customers/me").get("customerId");

        advanceTo(start.plus(Duration.ofDays(15)));
        pointsEventually(customer, 12);
        advanceTo(start.plus(Duration.ofDays(46)));
        pointsEventually(customer, 24);

        int renewed = lastPaidPeriod(customer);
        assertThat(post(ops, "/v1/ops/subscriptions/" + subscription + "/refunds",
                Map.of("period", renewed, "amountMinor", 650, "reason", "goodwill"), UUID.randomUUID().toString()).code())
                .isEqualTo(201);
        pointsEventually(customer, 18);
        assertThat(post(ops, "/v1/ops/customers/" + customerId + "/points",
                Map.of("points", 482, "reason", "late_delivery_apology"), UUID.randomUUID().toString()).body())
                .containsEntry("balance", 500);

        String key = UUID.randomUUID().toString();
        Map<String, Object> redeemed = post(customer, "/v1/customers/me/points/redemptions", Map.of("points", 300), key)
                .body();
        HttpResponse<Map<String, Object>> replayed = post(customer, "/v1/customers/me/points/redemptions",
                Map.of("points", 300), key);
        HttpClientResponseException tooMany = api.failure(() -> post(customer, "/v1/customers/me/points/redemptions",
                Map.of("points", 300), UUID.randomUUID().toString()));

        assertThat(redeemed).containsEntry("points", 300).containsEntry("creditMinor", 300)
                .containsEntry("currency", "EUR").containsEntry("balanceAfter", 200);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(tooMany.getStatus().getCode()).isEqualTo(422);
        assertThat(ApiSession.problem(tooMany)).containsEntry("type", "https://perennial.dev/problems/not-enough-points");
        assertThat(points(customer)).isEqualTo(200);
        assertThat(credit(customer)).isEqualTo(300);

        advanceTo(start.plus(Duration.ofDays(80)));
        Map<String, Object> third = invoiceOfPeriod(customer, renewed + 1);
        assertThat(third).containsEntry("subtotalMinor", 1299).containsEntry("totalMinor", 999);
        assertThat(credit(customer)).isZero();
        pointsEventually(customer, 209);

        advanceTo(start.plus(Duration.ofDays(150)));
        pointsEventually(customer, 33);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) api.get(customer,
                "/v1/customers/me/points?limit=100").get("items");
        assertThat(history).extracting(entry -> entry.get("kind"), entry -> entry.get("points"))
                .contains(org.assertj.core.groups.Tuple.tuple("EXPIRED", -200),
                        org.assertj.core.groups.Tuple.tuple("CLAWBACK", -6),
                        org.assertj.core.groups.Tuple.tuple("REDEEMED", -300),
                        org.assertj.core.groups.Tuple.tuple("GRANT", 482));
        assertThat(api.get(customer, "/v1/customers/me/points?limit=2")).containsEntry("total", history.size())
                .satisfies(page -> assertThat((List<?>) page.get("items")).hasSize(2));
    }
}

package io.perennial.acceptance;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customers racing for the last redemptions of a coupon, on the embedded platform and its PostgreSQL: exactly as
 * many subscriptions as the coupon allows are created, each with the coupon; the others are refused with a 409
 * before anything starts. Before, all got 201 and the losers were charged full price without a word.
 */
@PlatformTest(ownPlatform = true)
class CouponRaceApiTest {

    private static final int LIMIT = 2;
    private static final int CUSTOMERS = 8;

    private TestPlatform platform;
    private ApiSession api;
    private String admin;

    @BeforeAll
    void start() {
        admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
    }

    @Test
    void customersRacingForALimitedCouponGetItUpToItsLimitAndTheOthersA409AndNobodyIsChargedWithoutIt()
            throws Exception {
        String code = "RACE" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertThat(api.post(admin, "/v1/admin/coupons", Map.of("code", code, "name", "Half off, twice",
                "percentOffBasisPoints", 5000, "duration", "ONCE", "maxRedemptions", LIMIT)).code()).isEqualTo(201);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.add(api.newCustomer());
        }

        List<HttpResponse<?>> answers = allAtOnce(customers, customer -> HttpRequest.POST("/v1/subscriptions",
                Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa", "couponCode", code))
                .bearerAuth(customer));

        // A loser that checked the coupon after the winners redeemed it is told it is used up (422); one that
        // checked before and lost the redemption itself, that it is no longer available (409).
        List<Integer> statuses = answers.stream().map(HttpResponse::code).toList();
        assertThat(statuses).as("answers").isSubsetOf(201, 409, 422);
        assertThat(statuses.stream().filter(status -> status == 201).count()).as(statuses.toString())
                .isEqualTo(LIMIT);
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            HttpResponse<?> answer = answers.get(i);
            if (answer.code() == 201) {
                winners.add(i);
                continue;
            }
            assertThat(body(answer).get("type")).isIn(
                    "https://perennial.dev/problems/coupon-unavailable",
                    "https://perennial.dev/problems/coupon-rejected");
            assertThat((List<?>) api.get(customers.get(i), "/v1/subscriptions").get("items"))
                    .as("nothing was started for a customer refused").isEmpty();
        }
        // The workflow's own redemption finds the API's: every winner keeps the coupon.
        for (int winner : winners) {
            String id = id(answers.get(winner));
            ApiSession.eventually(() -> api.get(customers.get(winner), "/v1/subscriptions/" + id),
                    view -> code.equals(view.get("couponCode")), Duration.ofSeconds(20));
        }
        // Past the trial: each winner's first invoice carries the discount.
        api.post(admin, "/v1/dev/clock/advance", Map.of("duration", "P15D"));
        for (int winner : winners) {
            String id = id(answers.get(winner));
            List<Map<String, Object>> invoices = ApiSession.eventually(
                    () -> api.list(customers.get(winner), "/v1/subscriptions/" + id + "/invoices"),
                    found -> found.size() == 1 && "PAID".equals(found.get(0).get("status")), Duration.ofSeconds(20));
            long price = ((Number) api.get(customers.get(winner), "/v1/subscriptions/" + id).get("amountMinor"))
                    .longValue();
            assertThat(((Number) invoices.get(0).get("totalMinor")).longValue()).as("charged with the discount")
                    .isBetween(price / 2 - 1, price / 2 + 1);
        }
        Map<String, Object> coupon = api.list(admin, "/v1/admin/coupons").stream()
                .filter(view -> code.equals(view.get("code"))).findFirst().orElseThrow();
        assertThat(coupon).containsEntry("timesRedeemed", LIMIT);
    }

    /**
     * The losing side of the race, made deterministic: another redemption holds the coupon's row while this request
     * checks it (one left) and tries to redeem it, then commits the last redemption.
     */
    @Test
    void aCouponThatRunsOutBetweenTheCheckAndTheRedemptionIsA409AndNothingStarts() throws Exception {
        String code = "LAST" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertThat(api.post(admin, "/v1/admin/coupons", Map.of("code", code, "name", "Once only",
                "percentOffBasisPoints", 5000, "duration", "ONCE", "maxRedemptions", 1)).code()).isEqualTo(201);
        String customer = api.newCustomer();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        HttpResponse<?> answer;
        try (Connection other = connection()) {
            other.setAutoCommit(false);
            try (PreparedStatement redeem = other.prepareStatement(
                    "UPDATE coupons SET times_redeemed = times_redeemed + 1 WHERE code = ?")) {
                redeem.setString(1, code);
                assertThat(redeem.executeUpdate()).isEqualTo(1);
            }
            Future<HttpResponse<?>> subscribing = pool.submit(() -> exchange(HttpRequest.POST("/v1/subscriptions",
                    Map.of("planId", "plan_digital_monthly", "paymentMethod", "pm_card_visa", "couponCode", code))
                    .bearerAuth(customer)));
            ApiSession.eventually(this::redemptionsWaitingForTheCouponsRow, waiting -> waiting > 0,
                    Duration.ofSeconds(20));
            other.commit();
            answer = subscribing.get(20, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(answer.code()).isEqualTo(409);
        assertThat(body(answer)).containsEntry("type", "https://perennial.dev/problems/coupon-unavailable");
        assertThat((List<?>) api.get(customer, "/v1/subscriptions").get("items")).isEmpty();
        assertThat(api.list(admin, "/v1/admin/coupons").stream().filter(view -> code.equals(view.get("code")))
                .findFirst().orElseThrow()).containsEntry("timesRedeemed", 1);
    }

    private int redemptionsWaitingForTheCouponsRow() {
        try (Connection connection = connection();
             PreparedStatement waiting = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE coupons SET times_redeemed%'");
             ResultSet rows = waiting.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** A plain connection to the platform's database, outside the application's transactions. */
    private Connection connection() throws SQLException {
        Map<String, Object> database = platform.stack.properties();
        return DriverManager.getConnection((String) database.get("datasources.default.url"),
                (String) database.get("datasources.default.username"),
                (String) database.get("datasources.default.password"));
    }

    private HttpResponse<?> exchange(HttpRequest<?> request) {
        try {
            return platform.client.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            return e.getResponse();
        }
    }

    private static String id(HttpResponse<?> created) {
        return (String) body(created).get("id");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpResponse<?> answer) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                    answer.getBody(String.class).orElseThrow(), Map.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<HttpResponse<?>> allAtOnce(List<String> customers,
                                            java.util.function.Function<String, HttpRequest<?>> request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(customers.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<?>>> futures = new ArrayList<>();
            for (String customer : customers) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return exchange(request.apply(customer));
                }));
            }
            go.countDown();
            List<HttpResponse<?>> answers = new ArrayList<>();
            for (Future<HttpResponse<?>> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}

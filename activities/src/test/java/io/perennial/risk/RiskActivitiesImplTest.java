package io.perennial.risk;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.inventory.StockLine;
import io.perennial.order.OrderRecordActivities;
import io.perennial.order.OrderState;
import io.perennial.order.OrderStatus;
import io.perennial.order.ShippingAddress;
import io.perennial.order.StatusChange;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The risk check against real PostgreSQL: the facts it counts, and that it is stored once per order. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RiskActivitiesImplTest implements TestPropertyProvider {

    @Inject
    io.micronaut.serde.ObjectMapper json;

    private static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");

    @Inject
    RiskActivities risk;
    @Inject
    OrderRecordActivities records;
    @Inject
    JdbcOperations jdbc;
    @Inject
    RiskSignals signals;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    private UUID customer(String email, Instant createdAt) {
        UUID id = UUID.randomUUID();
        transactions.executeWrite(status -> jdbc.prepareStatement(
                "INSERT INTO customers (id, email, name, created_at) VALUES (?, ?, 'Risk Test', ?)", statement -> {
                    statement.setObject(1, id);
                    statement.setString(2, email);
                    statement.setObject(3, java.sql.Timestamp.from(createdAt));
                    return statement.executeUpdate();
                }));
        return id;
    }

    private static ShippingAddress address(String line1) {
        return new ShippingAddress("Ada Lovelace", line1, null, "Amsterdam", "1015 CJ", "NL");
    }

    private static RiskCheck check(String orderId, UUID customer, long amountMinor, String card, ShippingAddress to,
                                   String ip, Instant at) {
        return new RiskCheck(orderId, customer.toString(), amountMinor, "EUR", card, to, ip, at);
    }

    @Test
    void aLargeFirstOrderFromAFreshDisposableAddressGoesToReviewAndARetryAnswersTheSame() {
        UUID customer = customer("fresh-" + UUID.randomUUID() + "@mailinator.com", NOW.minus(Duration.ofHours(1)));
        String orderId = "risk-" + UUID.randomUUID();
        RiskCheck check = check(orderId, customer, 20000, "pm_card_visa", address("Damrak " + orderId), null, NOW);

        RiskAssessment first = risk.assessOrder(check);
        RiskAssessment retried = risk.assessOrder(check);

        assertThat(first.score()).isEqualTo(60);
        assertThat(first.verdict()).isEqualTo(RiskVerdict.REVIEW);
        assertThat(first.rules()).extracting(FiredRule::code)
                .containsExactly("NEW_ACCOUNT_LARGE_FIRST_ORDER", "DISPOSABLE_EMAIL");
        assertThat(first.reviewDeadline()).isEqualTo(Duration.ofHours(48));
        assertThat(retried).isEqualTo(first);
    }

    @Test
    void theFourthOrderOnOneCardWithinADayFiresCardVelocityAndOrdersOutsideTheWindowDoNotCount() {
        UUID customer = customer("velocity-" + UUID.randomUUID() + "@example.com", NOW.minus(Duration.ofDays(400)));
        String card = "pm_saved_" + UUID.randomUUID().toString().replace("-", "");
        // One a day and a half before (outside the 24 h window), three within it.
        risk.assessOrder(check("v-" + UUID.randomUUID(), customer, 1000, card, address("A 1"), "203.0.113.9",
                NOW.minus(Duration.ofHours(36))));
        for (int hour = 20; hour >= 18; hour--) {
            risk.assessOrder(check("v-" + UUID.randomUUID(), customer, 1000, card, address("B " + hour),
                    "203.0.113.9", NOW.minus(Duration.ofHours(hour))));
        }

        RiskAssessment fourth = risk.assessOrder(check("v-" + UUID.randomUUID(), customer, 1000, card,
                address("C 1"), "203.0.113.9", NOW));

        assertThat(fourth.rules()).extracting(FiredRule::code)
                .containsExactly("VELOCITY_CUSTOMER", "VELOCITY_CARD", "VELOCITY_IP");
        assertThat(fourth.rules().get(1).reason()).startsWith("3 orders charged to this payment method within 24 h");
        assertThat(fourth.score()).isEqualTo(20 + 20 + 15);
    }

    @Test
    void aCardOnAnOrderTheReviewRefusedCountsAgainstTheNextOrderWithIt() {
        UUID fraudster = customer("f-" + UUID.randomUUID() + "@example.com", NOW.minus(Duration.ofDays(400)));
        String card = "pm_saved_" + UUID.randomUUID().toString().replace("-", "");
        String refusedOrder = "refused-" + UUID.randomUUID();
        RiskAssessment assessed = risk.assessOrder(check(refusedOrder, fraudster, 1000, card, address("D 1"), null,
                NOW.minus(Duration.ofDays(3))));
        RiskReview refused = RiskReview.of(assessed, NOW.minus(Duration.ofDays(3)))
                .decided(RiskReviewStatus.REFUSED, "ops-1", "stolen card", NOW.minus(Duration.ofDays(2)));
        records.recordOrder(new OrderState(refusedOrder, fraudster.toString(), OrderStatus.CANCELED,
                List.of(new StatusChange(OrderStatus.CANCELED, NOW, "refused")), List.of(new StockLine("BEANS-250",
                1)), 1000, "EUR", address("D 1"), List.of(), null, 0, 0, null, null, null, null, null, List.of(), 0,
                null, "refused", NOW, NOW, 3, null, refused));
        UUID other = customer("o-" + UUID.randomUUID() + "@example.com", NOW.minus(Duration.ofDays(400)));

        RiskAssessment next = risk.assessOrder(check("next-" + UUID.randomUUID(), other, 1000, card,
                address("E " + UUID.randomUUID()), null, NOW));

        assertThat(next.rules()).extracting(FiredRule::code).containsExactly("REFUSED_CARD");
        assertThat(next.score()).isEqualTo(50);
        assertThat(next.verdict()).isEqualTo(RiskVerdict.REVIEW);
    }

    @Test
    void sharedTestCardsAndLoopbackAddressesIdentifyNobodyAndAreNotCounted() {
        for (int i = 0; i < 4; i++) {
            UUID someone = customer("s-" + UUID.randomUUID() + "@example.com", NOW.minus(Duration.ofDays(400)));
            risk.assessOrder(check("shared-" + UUID.randomUUID(), someone, 1000, "pm_card_visa",
                    address("F " + UUID.randomUUID()), "127.0.0.1", NOW.minus(Duration.ofHours(i + 1))));
        }
        UUID next = customer("n-" + UUID.randomUUID() + "@example.com", NOW.minus(Duration.ofDays(400)));

        RiskAssessment assessment = risk.assessOrder(check("shared-" + UUID.randomUUID(), next, 1000, "pm_card_visa",
                address("G " + UUID.randomUUID()), "127.0.0.1", NOW));

        assertThat(assessment.rules()).isEmpty();
        assertThat(assessment.verdict()).isEqualTo(RiskVerdict.PASS);
    }

    @Test
    void aReviewInWhichNoRuleFiredReadsBackFromItsStoredJson() throws Exception {
        RiskReview passed = new RiskReview(0, List.of(), RiskReviewStatus.PASSED, NOW, null, null, null, null);

        String stored = json.writeValueAsString(passed);
        RiskReview read = json.readValue(stored, RiskReview.class);

        // Found by SeparateProcessesIT: the empty list is left out, and GET /v1/orders/{id} answered 500.
        assertThat(read.rules()).isEmpty();
        assertThat(read).isEqualTo(passed);
        assertThat(json.readValue("{\"score\": 0, \"status\": \"PASSED\", \"checkedAt\": \"2026-12-05T06:30:01Z\"}",
                RiskReview.class).rules()).isEmpty();
    }

    @Test
    void aDigitalSubscriptionsFirstChargeIsScoredLikeAnOrderAndStoredWithTheOrdersChecksWithoutAnAddress() {
        UUID customer = customer("sub-" + UUID.randomUUID() + "@example.com", NOW.minus(Duration.ofHours(2)));
        String subscriptionId = UUID.randomUUID().toString();
        // A country test card and no shipping address: no country to compare, so no mismatch.
        SubscriptionRiskCheck check = new SubscriptionRiskCheck(subscriptionId, customer.toString(), 20000, "EUR",
                "pm_card_br", null, NOW);

        RiskAssessment first = risk.assessSubscription(check);
        RiskAssessment retried = risk.assessSubscription(check);

        assertThat(first.rules()).extracting(FiredRule::code).containsExactly("NEW_ACCOUNT_LARGE_FIRST_ORDER");
        assertThat(first.verdict()).isEqualTo(RiskVerdict.PASS);
        assertThat(retried).isEqualTo(first);
        long stored = transactions.executeRead(status -> jdbc.prepareStatement("SELECT count(*) FROM "
                + "order_risk_checks WHERE order_id = ? AND address_key IS NULL AND customer_id = ?", statement -> {
                    statement.setString(1, "subscription:" + subscriptionId);
                    statement.setObject(2, customer);
                    var rows = statement.executeQuery();
                    rows.next();
                    return rows.getLong(1);
                }));
        assertThat(stored).isEqualTo(1);
    }

    @Test
    void aSubscriptionsReviewIsKeptForOpsAndItsDecisionReplacesIt() {
        UUID customer = customer("rev-" + UUID.randomUUID() + "@example.com", NOW.minus(Duration.ofDays(400)));
        UUID subscriptionId = UUID.randomUUID();
        RiskReview waiting = RiskReview.of(new RiskAssessment(60, List.of(new FiredRule("DISPOSABLE_EMAIL", 30,
                "disposable"), new FiredRule("NEW_ACCOUNT_LARGE_FIRST_ORDER", 30, "large")), RiskVerdict.REVIEW, 50,
                90, Duration.ofHours(48)), NOW);

        risk.recordSubscriptionReview(new SubscriptionRiskRecord(subscriptionId.toString(), customer.toString(),
                "plan_x", 20000, "EUR", waiting));
        boolean listed = signals.findWaitingSubscriptions(500).stream()
                .anyMatch(row -> row.subscriptionId().equals(subscriptionId));
        risk.recordSubscriptionReview(new SubscriptionRiskRecord(subscriptionId.toString(), customer.toString(),
                "plan_x", 20000, "EUR", waiting.decided(RiskReviewStatus.APPROVED, "ops-1", "fine", NOW)));

        assertThat(listed).isTrue();
        assertThat(signals.findWaitingSubscriptions(500)).noneMatch(row -> row.subscriptionId()
                .equals(subscriptionId));
        RiskSignals.SubscriptionReview decided = signals.findSubscriptionReview(subscriptionId).orElseThrow();
        assertThat(decided.reviewDeadlineAt()).isEqualTo(NOW.plus(Duration.ofHours(48)));
        assertThat(decided.review()).contains("\"APPROVED\"", "\"DISPOSABLE_EMAIL\"");
    }
}

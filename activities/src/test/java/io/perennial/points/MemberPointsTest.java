package io.perennial.points;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.billing.BillingActivitiesImpl;
import io.perennial.billing.CreditEntryRepository;
import io.perennial.billing.InvoiceDraft;
import io.perennial.billing.InvoiceLine;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.billing.IssuedInvoice;
import io.perennial.inventory.StockLine;
import io.perennial.payment.InvoiceCharge;
import io.perennial.payment.PaymentActivitiesImpl;
import io.perennial.payment.RefundRequest;
import io.perennial.testsupport.Concurrently;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Points on the real ledger (PostgreSQL): earned with the payment, taken back with the refund, expired, redeemed. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberPointsTest implements TestPropertyProvider {

    static final Instant PAID = Instant.parse("2027-02-14T09:00:00Z");
    static final Duration YEAR = Duration.ofDays(365);

    @Inject
    PaymentActivitiesImpl payments;
    @Inject
    BillingActivitiesImpl billing;
    @Inject
    MemberPoints points;
    @Inject
    PointsEntryRepository entries;
    @Inject
    CreditEntryRepository credit;

    private UUID customerId;
    private String subscriptionId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("perennial.gateway.simulated.latency", "0ms");
        return properties;
    }

    @BeforeEach
    void newCustomer() {
        customerId = UUID.randomUUID();
        subscriptionId = UUID.randomUUID().toString();
    }

    private IssuedInvoice paidRenewal(long amountMinor) {
        IssuedInvoice invoice = billing.issueInvoice(new InvoiceDraft(subscriptionId + ":1:renewal", subscriptionId,
                customerId.toString(), 1, "EUR", PAID, PAID.plus(Duration.ofDays(30)),
                List.of(new InvoiceLine(InvoiceLineKind.PLAN, "Digital monthly", amountMinor)), true, PAID));
        payments.chargeInvoice(new InvoiceCharge(invoice.invoiceId(), subscriptionId, customerId.toString(), 1,
                "renewal", invoice.totalMinor(), "EUR", "pm_card_visa", PAID));
        return invoice;
    }

    private long refund(String purpose, long amountMinor) {
        return payments.refund(new RefundRequest(subscriptionId + ":1:" + purpose, subscriptionId, 1, amountMinor,
                "EUR", "goodwill", PAID.plus(Duration.ofDays(2)))).amountMinor();
    }

    @Test
    void aPaidInvoiceEarnsOnePointPerWholeEuroOnceWhateverTheRetries() {
        IssuedInvoice invoice = paidRenewal(1299);
        payments.chargeInvoice(new InvoiceCharge(invoice.invoiceId(), subscriptionId, customerId.toString(), 1,
                "renewal", invoice.totalMinor(), "EUR", "pm_card_visa", PAID));

        assertThat(points.balance(customerId)).isEqualTo(12);
        PointsEntry earned = points.history(customerId, 10, 0).get(0);
        assertThat(earned.kind()).isEqualTo(PointsEntryKind.EARNED);
        assertThat(earned.expiresAt()).isEqualTo(PAID.plus(YEAR));
    }

    @Test
    void aPartialRefundTakesBackItsShareRoundedDownAndTheRestOfTheRefundTheRemainder() {
        paidRenewal(1299);

        assertThat(refund("goodwill-1", 650)).isEqualTo(650);
        assertThat(points.balance(customerId)).isEqualTo(12 - 6);

        assertThat(refund("goodwill-2", 649)).isEqualTo(649);
        assertThat(points.balance(customerId)).isZero();
        assertThat(points.history(customerId, 10, 0)).extracting(PointsEntry::kind)
                .containsExactlyInAnyOrder(PointsEntryKind.EARNED, PointsEntryKind.CLAWBACK, PointsEntryKind.CLAWBACK);
    }

    @Test
    void aDeliveredOrderEarnsAtItsSkusWeightedRateOnce() {
        String sku = "PTS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        entries.setRate("sku", sku, 2);
        List<StockLine> lines = List.of(new StockLine(sku, 1), new StockLine("PTS-DEFAULT", 3));

        points.earnForOrder("order-1-" + customerId, customerId, lines, 1999, "EUR", PAID);
        points.earnForOrder("order-1-" + customerId, customerId, lines, 1999, "EUR", PAID);

        assertThat(points.balance(customerId)).isEqualTo(24);
    }

    @Test
    void pointsLeftOfAnExpiredGrantExpireOldestFirstAndOnlyOnce() {
        points.adjust(customerId, "grant-1", 300, "welcome", PAID);
        points.adjust(customerId, "grant-2", 200, "apology", PAID.plus(Duration.ofDays(100)));
        points.redeem(customerId, "r1", 100, "EUR", PAID.plus(Duration.ofDays(10)));

        // The table is shared with other tests: each run is read through this customer's balance.
        points.expire(PAID.plus(YEAR).minusSeconds(1));
        long beforeExpiry = points.balance(customerId);
        points.expire(PAID.plus(YEAR));
        long afterFirstGrantExpired = points.balance(customerId);
        points.expire(PAID.plus(YEAR));
        long afterRepeatedRun = points.balance(customerId);
        points.expire(PAID.plus(YEAR).plus(Duration.ofDays(100)));

        assertThat(beforeExpiry).isEqualTo(400);
        // The redemption spent the oldest grant first: 200 of it were left to expire; the newer grant stays.
        assertThat(afterFirstGrantExpired).isEqualTo(200);
        assertThat(afterRepeatedRun).isEqualTo(200);
        assertThat(points.balance(customerId)).isZero();
        assertThat(points.history(customerId, 10, 0)).filteredOn(entry -> entry.kind() == PointsEntryKind.EXPIRED)
                .extracting(PointsEntry::points).containsExactlyInAnyOrder(-200L, -200L);
    }

    @Test
    void aRedemptionTurnsPointsIntoCreditThatTheNextInvoiceSpends() {
        points.adjust(customerId, "grant", 500, "welcome", PAID);

        PointsRedemption redeemed = points.redeem(customerId, "r1", 300, "EUR", PAID);
        PointsRedemption repeated = points.redeem(customerId, "r1", 300, "EUR", PAID);
        IssuedInvoice next = billing.issueInvoice(new InvoiceDraft(subscriptionId + ":2:renewal", subscriptionId,
                customerId.toString(), 2, "EUR", PAID, PAID.plus(Duration.ofDays(30)),
                List.of(new InvoiceLine(InvoiceLineKind.PLAN, "Digital monthly", 1299)), true, PAID));

        assertThat(redeemed.creditMinor()).isEqualTo(300);
        assertThat(repeated.creditMinor()).isEqualTo(300);
        assertThat(points.balance(customerId)).isEqualTo(200);
        assertThat(next.totalMinor()).isEqualTo(1299 - 300);
        assertThat(credit.balance(customerId, "EUR")).isZero();
    }

    @Test
    void aRedemptionOfMoreThanTheBalanceBooksNothing() {
        points.adjust(customerId, "grant", 100, "welcome", PAID);

        assertThatThrownBy(() -> points.redeem(customerId, "r1", 200, "EUR", PAID))
                .isInstanceOf(NotEnoughPoints.class);
        assertThat(points.balance(customerId)).isEqualTo(100);
        assertThat(credit.balance(customerId, "EUR")).isZero();
    }

    @Test
    void eightRedemptionsRacingForThreeHundredPointsSpendExactlyThreeHundred() throws Exception {
        points.adjust(customerId, "grant", 300, "welcome", PAID);

        var outcomes = Concurrently.run(8, i -> points.redeem(customerId, "race-" + i, 100, "EUR", PAID));

        assertThat(outcomes).filteredOn(Concurrently.Outcome::succeeded).hasSize(3);
        assertThat(outcomes).filteredOn(outcome -> !outcome.succeeded())
                .allMatch(outcome -> outcome.failure() instanceof NotEnoughPoints);
        assertThat(points.balance(customerId)).isZero();
        assertThat(credit.balance(customerId, "EUR")).isEqualTo(300);
    }
}

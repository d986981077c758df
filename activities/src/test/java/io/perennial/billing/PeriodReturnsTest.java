package io.perennial.billing;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.payment.InvoiceCharge;
import io.perennial.payment.PaymentActivitiesImpl;
import io.perennial.payment.RefundReceipt;
import io.perennial.payment.RefundRequest;
import io.perennial.testsupport.Concurrently;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One rule for what a paid period gives back, in PostgreSQL: refunds (on cancel or by ops), pause credit and a plan
 * change's credit for unused time together never exceed what the period was sold for, whatever their order, and
 * when they race.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeriodReturnsTest implements TestPropertyProvider {

    static final Instant START = Instant.parse("2027-03-01T09:00:00Z");

    @Inject
    BillingActivitiesImpl billing;
    @Inject
    PaymentActivitiesImpl payments;
    @Inject
    CreditEntryRepository credit;

    private String customerId;
    private String subscriptionId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("perennial.gateway.simulated.latency", "0ms");
        return properties;
    }

    @BeforeEach
    void aSubscriptionWithAPaidFirstPeriod() {
        customerId = UUID.randomUUID().toString();
        subscriptionId = UUID.randomUUID().toString();
        IssuedInvoice invoice = issue(1, "first", List.of(new InvoiceLine(InvoiceLineKind.PLAN, "Digital monthly", 1299)));
        payments.chargeInvoice(new InvoiceCharge(invoice.invoiceId(), subscriptionId, customerId, 1, "first",
                invoice.totalMinor(), "EUR", "pm_card_visa", START));
    }

    private IssuedInvoice issue(int period, String purpose, List<InvoiceLine> lines) {
        return billing.issueInvoice(new InvoiceDraft(subscriptionId + ":" + period + ":" + purpose, subscriptionId,
                customerId, period, "EUR", START, START.plusSeconds(30 * 86_400L), lines, true, START));
    }

    private RefundReceipt opsRefund(String key, long amountMinor) {
        return payments.refund(new RefundRequest(subscriptionId + ":ops:" + key, subscriptionId, 1, amountMinor, "EUR",
                "ops_goodwill", START.plusSeconds(86_400)));
    }

    private void pauseCredit(long amountMinor) {
        billing.grantAccountCredit(CreditGrant.fromPeriod(subscriptionId + ":1:pause-credit", customerId, amountMinor,
                "EUR", "pause_credit", START.plusSeconds(86_400), subscriptionId, 1));
    }

    private long granted(String grantKey) {
        return credit.findByEntryKey(grantKey).map(CreditEntry::amountMinor).orElse(0L);
    }

    @Test
    void aPauseAfterOpsRefundedTheWholePeriodGrantsNoCredit() {
        assertThat(opsRefund("all", 1299).amountMinor()).isEqualTo(1299);

        pauseCredit(700);

        assertThat(credit.findByEntryKey(subscriptionId + ":1:pause-credit")).isEmpty();
        assertThat(billing.returnableOfPeriod(subscriptionId, 1)).isZero();
    }

    @Test
    void anOpsRefundAfterAPauseCreditGivesBackOnlyTheRest() {
        pauseCredit(700);

        RefundReceipt refund = opsRefund("all", 1299);

        assertThat(granted(subscriptionId + ":1:pause-credit")).isEqualTo(700);
        assertThat(refund.amountMinor()).isEqualTo(599);
        assertThat(opsRefund("again", 1299).amountMinor()).as("nothing left").isZero();
    }

    @Test
    void aPeriodPaidWithAccountCreditStillGivesBackPauseCredit() {
        billing.grantAccountCredit(new CreditGrant("referral:" + customerId, customerId, 5000, "EUR", "referral", START));
        issue(2, "renewal", List.of(new InvoiceLine(InvoiceLineKind.PLAN, "Digital monthly", 1299)));

        billing.grantAccountCredit(CreditGrant.fromPeriod(subscriptionId + ":2:pause-credit", customerId, 600, "EUR",
                "pause_credit", START, subscriptionId, 2));

        assertThat(granted(subscriptionId + ":2:pause-credit")).isEqualTo(600);
    }

    @Test
    void anUpgradeInvoiceCreditsOnlyWhatOpsLeftOfThePeriod() {
        opsRefund("part", 1000);

        IssuedInvoice change = issue(1, "change-1", List.of(
                new InvoiceLine(InvoiceLineKind.PRORATION_CREDIT, "Unused time on Digital monthly", -650, 1),
                new InvoiceLine(InvoiceLineKind.PRORATION_CHARGE, "Premium monthly", 1250)));

        assertThat(change.lines()).filteredOn(line -> line.kind() == InvoiceLineKind.PRORATION_CREDIT)
                .extracting(InvoiceLine::amountMinor).containsExactly(-299L);
        assertThat(change.totalMinor()).isEqualTo(1250 - 299);
        assertThat(opsRefund("more", 1299).amountMinor()).as("the credit line gave back the rest").isZero();
    }

    @Test
    void refundsAndAPauseCreditRacingNeverGiveBackMoreThanThePeriodWasSoldFor() throws Exception {
        List<Concurrently.Outcome<Long>> outcomes = Concurrently.run(8, i -> {
            if (i == 0) {
                pauseCredit(900);
                return granted(subscriptionId + ":1:pause-credit");
            }
            return opsRefund("race-" + i, 400).amountMinor();
        });

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        long givenBack = outcomes.stream().mapToLong(Concurrently.Outcome::value).sum();
        assertThat(givenBack).isEqualTo(1299);
        assertThat(billing.returnableOfPeriod(subscriptionId, 1)).isZero();
    }
}

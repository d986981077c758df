package io.perennial.payment;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.billing.BillingActivitiesImpl;
import io.perennial.billing.CreditGrant;
import io.perennial.billing.InvoiceDraft;
import io.perennial.billing.InvoiceLine;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.billing.InvoiceRepository;
import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.IssuedInvoice;
import io.perennial.testsupport.Concurrently;
import io.perennial.testsupport.TestDatabase;
import io.temporal.failure.ApplicationFailure;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvoiceChargeTest implements TestPropertyProvider {

    static final Instant PERIOD_START = Instant.parse("2027-02-14T09:00:00Z");

    @Inject
    PaymentActivitiesImpl activities;
    @Inject
    BillingActivitiesImpl billing;
    @Inject
    InvoiceRepository invoices;
    @Inject
    PaymentRepository payments;
    @Inject
    SimulatedGatewayLedger ledger;

    private String customerId;
    private String subscriptionId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("perennial.gateway.simulated.latency", "0ms");
        return properties;
    }

    @BeforeEach
    void newSubscription() {
        customerId = UUID.randomUUID().toString();
        subscriptionId = UUID.randomUUID().toString();
    }

    private IssuedInvoice issue(int period, String purpose, InvoiceLineKind kind, long amountMinor) {
        return billing.issueInvoice(new InvoiceDraft(subscriptionId + ":" + period + ":" + purpose, subscriptionId,
                customerId, period, "EUR", PERIOD_START, PERIOD_START.plusSeconds(30 * 86_400L),
                List.of(new InvoiceLine(kind, "Digital monthly", amountMinor)), true, PERIOD_START));
    }

    private ChargeReceipt charge(IssuedInvoice invoice, int period, String purpose, String paymentMethod) {
        return activities.chargeInvoice(new InvoiceCharge(invoice.invoiceId(), subscriptionId, customerId, period,
                purpose, invoice.totalMinor(), "EUR", paymentMethod, PERIOD_START.plusSeconds(60)));
    }

    private InvoiceStatus statusOf(IssuedInvoice invoice) {
        return invoices.findById(UUID.fromString(invoice.invoiceId())).orElseThrow().status();
    }

    @Test
    void eightConcurrentChargesWithOneKeyChargeOnceAndPayTheInvoice() throws Exception {
        IssuedInvoice invoice = issue(1, "renewal", InvoiceLineKind.PLAN, 1299);

        var outcomes = Concurrently.run(8, i -> charge(invoice, 1, "renewal", "pm_card_visa"));

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        assertThat(outcomes).extracting(outcome -> outcome.value().paymentId()).containsOnly(
                outcomes.get(0).value().paymentId());
        assertThat(ledger.countCharges(subscriptionId)).isEqualTo(1);
        assertThat(statusOf(invoice)).isEqualTo(InvoiceStatus.PAID);
        assertThat(payments.findSucceededForInvoice(UUID.fromString(invoice.invoiceId()))).isPresent();
    }

    @Test
    void aPaidInvoiceIsNeverChargedAgainWhateverThePurpose() {
        IssuedInvoice invoice = issue(1, "renewal", InvoiceLineKind.PLAN, 1299);

        ChargeReceipt paid = charge(invoice, 1, "renewal", "pm_card_visa");
        ChargeReceipt again = charge(invoice, 1, "dunning-1", "pm_card_visa");

        assertThat(again).isEqualTo(paid);
        assertThat(ledger.countCharges(subscriptionId)).isEqualTo(1);
    }

    @Test
    void aPlanChangeInvoiceInAPaidPeriodIsASecondLegitimateCharge() {
        IssuedInvoice renewal = issue(1, "renewal", InvoiceLineKind.PLAN, 1299);
        charge(renewal, 1, "renewal", "pm_card_visa");
        IssuedInvoice change = issue(1, "change-1", InvoiceLineKind.PRORATION_CHARGE, 600);

        ChargeReceipt upgrade = charge(change, 1, "change-1", "pm_card_visa");

        assertThat(upgrade.amountMinor()).isEqualTo(600);
        assertThat(statusOf(change)).isEqualTo(InvoiceStatus.PAID);
        assertThat(ledger.countCharges(subscriptionId)).isEqualTo(2);
    }

    @Test
    void theInvoiceTotalAfterAccountCreditIsWhatIsCharged() {
        billing.grantAccountCredit(new CreditGrant("pause:" + customerId, customerId, 500, "EUR", "pause_credit",
                PERIOD_START));
        IssuedInvoice invoice = issue(1, "renewal", InvoiceLineKind.PLAN, 1299);

        ChargeReceipt receipt = charge(invoice, 1, "renewal", "pm_card_visa");

        assertThat(receipt.amountMinor()).isEqualTo(799);
        assertThat(payments.findById(UUID.fromString(receipt.paymentId())).orElseThrow().invoiceId())
                .isEqualTo(UUID.fromString(invoice.invoiceId()));
    }

    @Test
    void aDeclinedChargeIsPaymentDeclinedAndLeavesTheInvoiceOpen() {
        IssuedInvoice invoice = issue(1, "renewal", InvoiceLineKind.PLAN, 1299);

        assertThatThrownBy(() -> charge(invoice, 1, "renewal", "pm_card_expired"))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(PaymentFailures.PAYMENT_DECLINED);
                    assertThat(failure.isNonRetryable()).isTrue();
                    assertThat(failure.getDetails().get(PaymentDecline.class).declineCode()).isEqualTo("expired_card");
                });
        assertThat(statusOf(invoice)).isEqualTo(InvoiceStatus.OPEN);

        charge(invoice, 1, "dunning-1", "pm_card_visa");
        assertThat(statusOf(invoice)).isEqualTo(InvoiceStatus.PAID);
    }

    @Test
    void aVoidOrUncollectibleInvoiceIsNeverCharged() {
        IssuedInvoice voided = issue(1, "renewal", InvoiceLineKind.PLAN, 1299);
        IssuedInvoice writtenOff = issue(2, "renewal", InvoiceLineKind.PLAN, 1299);
        billing.closeUnpaidInvoice(voided.invoiceId(), InvoiceStatus.VOID);
        billing.closeUnpaidInvoice(writtenOff.invoiceId(), InvoiceStatus.UNCOLLECTIBLE);

        for (IssuedInvoice closed : List.of(voided, writtenOff)) {
            assertThatThrownBy(() -> charge(closed, 1, "dunning-9", "pm_card_visa"))
                    .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                        assertThat(failure.getType()).isEqualTo(PaymentRefusals.INVOICE_NOT_COLLECTIBLE);
                        assertThat(failure.isNonRetryable()).isTrue();
                    });
        }
        assertThat(ledger.countCharges(subscriptionId)).isZero();
    }
}

package io.perennial.payment;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.billing.BillingActivitiesImpl;
import io.perennial.billing.InvoiceDraft;
import io.perennial.billing.InvoiceLine;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.billing.InvoiceRepository;
import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.IssuedInvoice;
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

/**
 * A charge the issuer asks the customer to authenticate, on the simulated provider: it waits as REQUIRES_ACTION and
 * settles under its own key, by the customer's answer on the authentication page or as expired at the deadline;
 * the provider books it once whatever happens.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerAuthenticationChargeTest implements TestPropertyProvider {

    private static final Instant NOW = Instant.parse("2027-02-14T09:00:00Z");
    private static final String CARD = "pm_card_authenticationRequired";

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
    @Inject
    AuthenticationPageRepository authenticationPage;

    private String customerId;
    private String subscriptionId;
    private IssuedInvoice invoice;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("perennial.gateway.simulated.latency", "0ms");
        return properties;
    }

    @BeforeEach
    void newInvoice() {
        customerId = UUID.randomUUID().toString();
        subscriptionId = UUID.randomUUID().toString();
        invoice = billing.issueInvoice(new InvoiceDraft(subscriptionId + ":1:renewal", subscriptionId, customerId, 1,
                "EUR", NOW, NOW.plusSeconds(30 * 86_400L), List.of(new InvoiceLine(InvoiceLineKind.PLAN,
                "Digital monthly", 1299)), true, NOW));
    }

    private ChargeReceipt charge(AuthenticationOffer offer) {
        return activities.chargeInvoice(new InvoiceCharge(invoice.invoiceId(), subscriptionId, customerId, 1,
                "renewal", 1299, "EUR", CARD, NOW, offer));
    }

    private String declineCodeOf(AuthenticationOffer offer) {
        try {
            charge(offer);
            throw new AssertionError("expected a decline");
        } catch (ApplicationFailure decline) {
            assertThat(decline.getType()).isEqualTo(PaymentFailures.PAYMENT_DECLINED);
            return decline.getDetails().get(PaymentDecline.class).declineCode();
        }
    }

    private Payment payment() {
        return payments.findByIdempotencyKey(subscriptionId + ":1:renewal").orElseThrow();
    }

    @Test
    void aChargeTheCustomerApprovesSettlesUnderItsOwnKeyAndPaysTheInvoice() {
        assertThat(declineCodeOf(AuthenticationOffer.OFFERED)).isEqualTo(DeclineCodes.AUTHENTICATION_REQUIRED);
        assertThat(payment().status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
        // Asked again before the customer answers: still waiting, nothing charged.
        assertThat(declineCodeOf(AuthenticationOffer.OFFERED)).isEqualTo(DeclineCodes.AUTHENTICATION_REQUIRED);
        assertThat(ledger.countCharges(subscriptionId + ":")).isZero();

        assertThat(authenticationPage.answer(subscriptionId + ":1:renewal", true)).isTrue();
        ChargeReceipt receipt = charge(AuthenticationOffer.OFFERED);

        assertThat(receipt.amountMinor()).isEqualTo(1299);
        assertThat(payment().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(invoices.findById(UUID.fromString(invoice.invoiceId())).orElseThrow().status())
                .isEqualTo(InvoiceStatus.PAID);
        assertThat(ledger.countCharges(subscriptionId + ":")).isEqualTo(1);
        assertThat(authenticationPage.answer(subscriptionId + ":1:renewal", true)).isFalse();
    }

    @Test
    void aChargeTheCustomerFailsIsDeclinedAuthenticationFailed() {
        declineCodeOf(AuthenticationOffer.OFFERED);
        authenticationPage.answer(subscriptionId + ":1:renewal", false);

        assertThat(declineCodeOf(AuthenticationOffer.OFFERED)).isEqualTo(DeclineCodes.AUTHENTICATION_FAILED);
        assertThat(payment().status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(ledger.countCharges(subscriptionId + ":")).isZero();
    }

    @Test
    void atTheDeadlineTheRequestIsClosedSoALateApprovalTakesNoMoney() {
        declineCodeOf(AuthenticationOffer.OFFERED);

        assertThat(declineCodeOf(AuthenticationOffer.EXPIRED)).isEqualTo(DeclineCodes.AUTHENTICATION_EXPIRED);
        assertThat(payment().status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(authenticationPage.answer(subscriptionId + ":1:renewal", true)).isFalse();
        assertThat(ledger.countCharges(subscriptionId + ":")).isZero();
    }

    @Test
    void withoutTheOfferTheRequestIsAPlainDeclineAsBefore() {
        assertThatThrownBy(() -> charge(AuthenticationOffer.NONE)).isInstanceOf(ApplicationFailure.class);
        assertThat(payment().status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(payment().declineCode()).isEqualTo(DeclineCodes.AUTHENTICATION_REQUIRED);
    }

    @Test
    void moneyTheCustomerApprovedForAnInvoiceVoidedMeanwhileIsGivenBack() {
        declineCodeOf(AuthenticationOffer.OFFERED);
        authenticationPage.answer(subscriptionId + ":1:renewal", true);
        billing.closeUnpaidInvoice(invoice.invoiceId(), InvoiceStatus.VOID);

        VoidedInvoiceSettlement settled = activities.settleVoidedInvoice(
                new VoidedInvoice(invoice.invoiceId(), NOW.plusSeconds(60)));

        assertThat(settled.chargesTaken()).isEqualTo(1);
        assertThat(settled.refundedMinor()).isEqualTo(1299);
        assertThat(ledger.refunds(subscriptionId + ":").amountMinor()).isEqualTo(1299);
    }
}

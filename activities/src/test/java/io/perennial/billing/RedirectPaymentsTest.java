package io.perennial.billing;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.audit.AuditLog;
import io.perennial.payment.DeclineCodes;
import io.perennial.payment.PaymentGateway;
import io.perennial.payment.PaymentRepository;
import io.perennial.payment.PaymentStatus;
import io.perennial.payment.RedirectPageRepository;
import io.perennial.payment.RedirectPageSession;
import io.perennial.payment.SimulatedGatewayLedger;
import io.perennial.testsupport.Concurrently;
import io.perennial.testsupport.TestDatabase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Sent invoices paid by Alipay or WeChat Pay on the simulated provider and real PostgreSQL: the session on the
 * provider's page, the customer's answer there, and the provider's asynchronous confirmation, which pays the
 * invoice once however often it is delivered; money confirmed for an invoice that something else paid is refunded
 * at the provider.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedirectPaymentsTest implements TestPropertyProvider {

    private static final Instant NOW = Instant.parse("2027-02-14T09:00:00Z");
    private static final String RETURN = "http://localhost/portal/invoices/x";

    @Inject
    BillingActivitiesImpl billing;
    @Inject
    SentInvoiceRepository sentInvoices;
    @Inject
    InvoiceRepository invoices;
    @Inject
    PaymentRepository payments;
    @Inject
    RedirectPaymentLedger ledger;
    @Inject
    RedirectPageRepository page;
    @Inject
    PaymentGateway gateway;
    @Inject
    SimulatedGatewayLedger providerLedger;
    @Inject
    BankTransfers transfers;
    @Inject
    AuditLog audit;

    private RedirectPayments redirects;
    private String invoiceId;
    private String bankReference;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("perennial.gateway.simulated.latency", "0ms");
        return properties;
    }

    @BeforeEach
    void aSentInvoice() {
        WorkflowClient temporal = mock(WorkflowClient.class);
        when(temporal.newUntypedWorkflowStub(anyString())).thenReturn(mock(WorkflowStub.class));
        redirects = new RedirectPayments(ledger, invoices, gateway, temporal, audit);
        String subscriptionId = UUID.randomUUID().toString();
        IssuedInvoice issued = billing.issueInvoice(new InvoiceDraft(subscriptionId + ":1:renewal", subscriptionId,
                UUID.randomUUID().toString(), 1, "EUR", NOW, NOW.plusSeconds(30 * 86_400L),
                List.of(new InvoiceLine(InvoiceLineKind.PLAN, "Digital monthly", 1299)), true, NOW));
        invoiceId = issued.invoiceId();
        UUID id = UUID.fromString(invoiceId);
        sentInvoices.insert(id, BankReference.forInvoice(id, 0).value(), NOW.plusSeconds(14 * 86_400L), NOW);
        bankReference = sentInvoices.findByInvoiceId(id).orElseThrow().bankReference();
    }

    private RedirectPaymentSession open(String method) {
        return redirects.open(new RedirectPaymentRequest(invoiceId, method, RETURN));
    }

    private String referenceOf(RedirectPaymentSession session) {
        return page.findByIdempotencyKey(session.paymentKey()).orElseThrow().reference();
    }

    /** What the provider's page does when the customer approves: the answer, then the charge in its ledger. */
    private int approve(RedirectPaymentSession session) {
        int answered = page.answer(referenceOf(session), true, Instant.now());
        page.bookApproved(referenceOf(session));
        return answered;
    }

    private String confirm(RedirectPaymentSession session, boolean succeeded, String declineCode) {
        return redirects.confirm(session.paymentKey(), referenceOf(session), succeeded, declineCode, NOW)
                .orElseThrow();
    }

    @Test
    void askingTwiceGivesTheSameSessionOnTheProvidersPage() {
        RedirectPaymentSession first = open("alipay");
        RedirectPaymentSession again = open("alipay");

        assertThat(again).isEqualTo(first);
        assertThat(first.paymentKey()).isEqualTo(invoiceId + ":redirect:alipay");
        assertThat(first.redirectUrl()).startsWith("/provider/redirects/rs_sim_");
        assertThat(first.expiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(29)),
                Instant.now().plus(Duration.ofMinutes(31)));
        RedirectPageSession session = page.findByIdempotencyKey(first.paymentKey()).orElseThrow();
        assertThat(session.amountMinor()).isEqualTo(1299);
        assertThat(session.returnUrl()).isEqualTo(RETURN);
        // Each method is a session of its own.
        assertThat(open("wechat_pay").paymentKey()).isEqualTo(invoiceId + ":redirect:wechat_pay");
    }

    @Test
    void anApprovedPaymentConfirmedTwicePaysTheInvoiceOnceWithOnePayment() {
        RedirectPaymentSession session = open("alipay");
        assertThat(approve(session)).isEqualTo(1);

        assertThat(confirm(session, true, null)).isEqualTo("PAID");
        assertThat(confirm(session, true, null)).isEqualTo("DUPLICATE");

        assertThat(invoices.findById(UUID.fromString(invoiceId)).orElseThrow().status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(payments.findByInvoiceIdOrderByCreatedAt(UUID.fromString(invoiceId)))
                .singleElement().satisfies(payment -> {
                    assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
                    assertThat(payment.purpose()).isEqualTo("alipay");
                    assertThat(payment.amountMinor()).isEqualTo(1299);
                });
        assertThat(providerLedger.countCharges(invoiceId + ":")).isEqualTo(1);
        // A paid invoice opens no more sessions.
        assertThatThrownBy(() -> open("wechat_pay")).isInstanceOf(ApplicationFailure.class)
                .satisfies(failure -> assertThat(((ApplicationFailure) failure).getType())
                        .isEqualTo(RedirectMethods.INVOICE_NOT_PAYABLE));
    }

    @Test
    void aFailedPaymentLeavesTheInvoiceOpenAndTheNextAskOpensANewSession() {
        RedirectPaymentSession session = open("wechat_pay");
        page.answer(referenceOf(session), false, Instant.now());
        RedirectPageSession answered = page.findByIdempotencyKey(session.paymentKey()).orElseThrow();
        assertThat(answered.status()).isEqualTo(RedirectPageSession.FAILED);

        assertThat(confirm(session, false, answered.declineCode())).isEqualTo("FAILED");

        assertThat(invoices.findById(UUID.fromString(invoiceId)).orElseThrow().status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(payments.findByInvoiceIdOrderByCreatedAt(UUID.fromString(invoiceId))).isEmpty();
        assertThat(open("wechat_pay").paymentKey()).isEqualTo(invoiceId + ":redirect:wechat_pay:2");
    }

    @Test
    void anAnswerAfterTheSessionExpiredIsExpiredAndTakesNothing() {
        RedirectPaymentSession session = open("alipay");

        page.answer(referenceOf(session), true, session.expiresAt().plusSeconds(1));

        RedirectPageSession answered = page.findByIdempotencyKey(session.paymentKey()).orElseThrow();
        assertThat(answered.status()).isEqualTo(RedirectPageSession.EXPIRED);
        assertThat(answered.declineCode()).isEqualTo(DeclineCodes.REDIRECT_EXPIRED);
        assertThat(page.bookApproved(answered.reference())).isZero();
        assertThat(confirm(session, false, answered.declineCode())).isEqualTo("FAILED");
        assertThat(providerLedger.countCharges(invoiceId + ":")).isZero();
        assertThat(invoices.findById(UUID.fromString(invoiceId)).orElseThrow().status()).isEqualTo(InvoiceStatus.OPEN);
    }

    @Test
    void aPaymentConfirmedForAnInvoiceATransferAlreadyPaidIsRefundedAtTheProvider() {
        RedirectPaymentSession session = open("alipay");
        approve(session);
        assertThat(transfers.record(transfer(), "ops-1", NOW).transfer().status()).isEqualTo("MATCHED");

        assertThat(confirm(session, true, null)).isEqualTo("REFUNDED");
        assertThat(confirm(session, true, null)).isEqualTo("DUPLICATE");

        assertThat(payments.findByInvoiceIdOrderByCreatedAt(UUID.fromString(invoiceId))).isEmpty();
        SimulatedGatewayLedger.RefundTotals refunded = providerLedger.refunds(invoiceId + ":");
        assertThat(refunded.count()).isEqualTo(1);
        assertThat(refunded.amountMinor()).isEqualTo(1299);
        assertThat(audit.findByTarget("invoice:" + invoiceId)).extracting(entry -> entry.action())
                .contains("redirect-payment.refunded");
    }

    @Test
    void aTransferAndAConfirmationRacingForTheInvoicePayItOnceAndTheLoserIsRefundedOrQueued() throws Exception {
        RedirectPaymentSession session = open("alipay");
        approve(session);
        String reference = referenceOf(session);

        List<Concurrently.Outcome<String>> outcomes = Concurrently.run(2, i -> i == 0
                ? transfers.record(transfer(), "ops-1", NOW).transfer().status()
                : redirects.confirm(session.paymentKey(), reference, true, null, NOW).orElseThrow());

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        List<String> effects = outcomes.stream().map(Concurrently.Outcome::value).toList();
        assertThat(effects).containsAnyOf("MATCHED", "PAID");
        assertThat(effects).containsExactlyInAnyOrder(effects.contains("PAID") ? "UNMATCHED" : "MATCHED",
                effects.contains("PAID") ? "PAID" : "REFUNDED");
        assertThat(invoices.findById(UUID.fromString(invoiceId)).orElseThrow().status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(payments.findByInvoiceIdOrderByCreatedAt(UUID.fromString(invoiceId)))
                .hasSize(effects.contains("PAID") ? 1 : 0);
    }

    @Test
    void aConfirmationThatNeverArrivedIsSettledFromTheProviderOnceTheSessionExpiredAndAnUnansweredOneIsClosed() {
        RedirectPaymentSession approved = open("alipay");
        approve(approved);
        RedirectPaymentSession abandoned = open("wechat_pay");
        Instant later = approved.expiresAt().plus(Duration.ofHours(2));

        List<RedirectPaymentRecord> swept = redirects.reconcile(later, Duration.ofHours(1), 500, NOW);

        assertThat(swept).filteredOn(after -> after.paymentKey().equals(approved.paymentKey())).singleElement()
                .satisfies(after -> assertThat(after.status()).isEqualTo(RedirectPaymentRecord.PAID));
        assertThat(swept).filteredOn(after -> after.paymentKey().equals(abandoned.paymentKey())).singleElement()
                .satisfies(after -> assertThat(after.status()).isEqualTo(RedirectPaymentRecord.EXPIRED));
        assertThat(invoices.findById(UUID.fromString(invoiceId)).orElseThrow().status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(payments.findByInvoiceIdOrderByCreatedAt(UUID.fromString(invoiceId))).hasSize(1);
        // The confirmation arriving after all changes nothing.
        assertThat(confirm(approved, true, null)).isEqualTo("DUPLICATE");
        assertThat(redirects.reconcile(later, Duration.ofHours(1), 500, NOW))
                .extracting(RedirectPaymentRecord::paymentKey).doesNotContain(approved.paymentKey());
    }

    private IncomingBankTransfer transfer() {
        return new IncomingBankTransfer("bank-tx-" + UUID.randomUUID(), 1299, "EUR", bankReference, "Ada Lovelace",
                LocalDate.of(2027, 2, 20));
    }
}

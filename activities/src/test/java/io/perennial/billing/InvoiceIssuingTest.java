package io.perennial.billing;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.testsupport.Concurrently;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvoiceIssuingTest implements TestPropertyProvider {

    static final Instant ISSUED_AT = Instant.parse("2027-03-01T00:00:00Z");

    @Inject
    BillingActivitiesImpl billing;
    @Inject
    InvoiceRepository invoices;
    @Inject
    CreditEntryRepository credit;

    private String customerId;
    private String subscriptionId;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    @BeforeEach
    void newSubscription() {
        customerId = UUID.randomUUID().toString();
        subscriptionId = UUID.randomUUID().toString();
    }

    private InvoiceDraft draft(int period, String purpose, long amountMinor, boolean applyCredit) {
        return draft(period, purpose, "EUR", List.of(new InvoiceLine(InvoiceLineKind.PLAN, "Digital monthly",
                amountMinor)), applyCredit);
    }

    private InvoiceDraft draft(int period, String purpose, String currency, List<InvoiceLine> lines,
                               boolean applyCredit) {
        Instant start = ISSUED_AT.plusSeconds(86_400L * 30 * (period - 1));
        return new InvoiceDraft(subscriptionId + ":" + period + ":" + purpose, subscriptionId, customerId, period,
                currency, start, start.plusSeconds(86_400L * 30), lines, applyCredit, start);
    }

    private void grant(String key, long amountMinor, String currency) {
        billing.grantAccountCredit(new CreditGrant(customerId + ":" + key, customerId, amountMinor, currency,
                "referral", ISSUED_AT));
    }

    private long balance(String currency) {
        return credit.balance(UUID.fromString(customerId), currency);
    }

    @Test
    void issuingTheSameDraftTwiceYieldsOneInvoice() {
        IssuedInvoice first = billing.issueInvoice(draft(1, "renewal", 1299, true));
        IssuedInvoice second = billing.issueInvoice(draft(1, "renewal", 1299, true));

        assertThat(second).isEqualTo(first);
        assertThat(first.number()).matches("INV-\\d{6,}");
        assertThat(first.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(first.totalMinor()).isEqualTo(1299);
        assertThat(invoices.findBySubscription(UUID.fromString(subscriptionId))).hasSize(1);
    }

    @Test
    void accountCreditIsSpentOnceAcrossConcurrentInvoicesOfOneCustomer() throws Exception {
        grant("welcome", 5000, "EUR");

        var outcomes = Concurrently.run(8, i -> billing.issueInvoice(draft(i + 1, "renewal", 1299, true)));

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        long creditOnInvoices = outcomes.stream().flatMap(outcome -> outcome.value().lines().stream())
                .filter(line -> line.kind() == InvoiceLineKind.ACCOUNT_CREDIT)
                .mapToLong(InvoiceLine::amountMinor).sum();
        assertThat(creditOnInvoices).isEqualTo(-5000);
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.value().totalMinor()).isBetween(0L, 1299L));
        assertThat(balance("EUR")).isZero();
    }

    @Test
    void anInvoiceFullyCoveredByCreditIsIssuedPaid() {
        grant("pause", 2000, "EUR");

        IssuedInvoice invoice = billing.issueInvoice(draft(1, "renewal", 1299, true));

        assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(invoice.totalMinor()).isZero();
        assertThat(invoice.lines()).containsExactly(
                new InvoiceLine(InvoiceLineKind.PLAN, "Digital monthly", 1299),
                new InvoiceLine(InvoiceLineKind.ACCOUNT_CREDIT, "Account credit applied", -1299));
        assertThat(invoices.findById(UUID.fromString(invoice.invoiceId())).orElseThrow().paidAt())
                .isEqualTo(ISSUED_AT);
        assertThat(balance("EUR")).isEqualTo(701);
    }

    @Test
    void creditInAnotherCurrencyOrNotAskedForIsLeftAlone() {
        grant("usd", 1000, "USD");
        grant("eur", 1000, "EUR");

        IssuedInvoice inEuros = billing.issueInvoice(draft(1, "renewal", "EUR",
                List.of(new InvoiceLine(InvoiceLineKind.PLAN, "Plan", 1299)), false));
        IssuedInvoice inPounds = billing.issueInvoice(draft(2, "renewal", "GBP",
                List.of(new InvoiceLine(InvoiceLineKind.PLAN, "Plan", 1299)), true));

        assertThat(inEuros.totalMinor()).isEqualTo(1299);
        assertThat(inPounds.totalMinor()).isEqualTo(1299);
        assertThat(balance("EUR")).isEqualTo(1000);
        assertThat(balance("USD")).isEqualTo(1000);
    }

    @Test
    void voidingAnInvoiceGivesItsCreditBackOnce() {
        grant("referral", 500, "EUR");
        IssuedInvoice invoice = billing.issueInvoice(draft(1, "renewal", 1299, true));
        assertThat(invoice.totalMinor()).isEqualTo(799);
        assertThat(balance("EUR")).isZero();

        billing.closeUnpaidInvoice(invoice.invoiceId(), InvoiceStatus.VOID);
        billing.closeUnpaidInvoice(invoice.invoiceId(), InvoiceStatus.VOID);

        InvoiceRecord voided = invoices.findById(UUID.fromString(invoice.invoiceId())).orElseThrow();
        assertThat(voided.status()).isEqualTo(InvoiceStatus.VOID);
        assertThat(voided.closedAt()).isNotNull();
        assertThat(balance("EUR")).isEqualTo(500);
    }

    @Test
    void closingNeverTouchesAPaidInvoice() {
        grant("pause", 1299, "EUR");
        IssuedInvoice paid = billing.issueInvoice(draft(1, "renewal", 1299, true));

        billing.closeUnpaidInvoice(paid.invoiceId(), InvoiceStatus.VOID);
        billing.closeUnpaidInvoice(paid.invoiceId(), InvoiceStatus.UNCOLLECTIBLE);

        assertThat(invoices.findById(UUID.fromString(paid.invoiceId())).orElseThrow().status())
                .isEqualTo(InvoiceStatus.PAID);
        assertThat(balance("EUR")).isZero();
    }

    @Test
    void aDraftThatFailsHalfWayLeavesNoInvoiceAndSpendsNoCredit() {
        grant("referral", 500, "EUR");
        // The second line breaks a NOT NULL constraint after the invoice row and the first line are written.
        InvoiceDraft broken = draft(1, "renewal", "EUR", List.of(
                new InvoiceLine(InvoiceLineKind.PLAN, "Plan", 1299),
                new InvoiceLine(InvoiceLineKind.PRORATION_CHARGE, null, 100)), true);

        assertThatThrownBy(() -> billing.issueInvoice(broken)).isInstanceOf(RuntimeException.class);

        assertThat(invoices.findByInvoiceKey(broken.invoiceKey())).isEmpty();
        assertThat(balance("EUR")).isEqualTo(500);
    }

    @Test
    void invoicesAreReadWithTheirLinesBySubscriptionAndPageByPageByCustomer() {
        grant("referral", 100, "EUR");
        IssuedInvoice first = billing.issueInvoice(draft(1, "renewal", 1299, true));
        IssuedInvoice second = billing.issueInvoice(draft(2, "renewal", 1299, true));
        IssuedInvoice third = billing.issueInvoice(draft(3, "renewal", 1299, true));

        List<InvoiceWithLines> ofSubscription = invoices.findWithLinesBySubscription(UUID.fromString(subscriptionId));
        assertThat(ofSubscription).extracting(invoice -> invoice.invoice().period()).containsExactly(1, 2, 3);
        assertThat(ofSubscription.get(0).issued()).isEqualTo(first);
        assertThat(ofSubscription.get(0).lines()).extracting(InvoiceLineRecord::lineNo).containsExactly(1, 2);
        assertThat(invoices.findWithLines(UUID.fromString(second.invoiceId())).orElseThrow().issued())
                .isEqualTo(second);

        UUID customer = UUID.fromString(customerId);
        List<InvoiceRecord> page = invoices.findLatestOfCustomer(customer, 2);
        assertThat(page).extracting(InvoiceRecord::number).containsExactly(third.number(), second.number());
        InvoiceRecord last = page.get(1);
        assertThat(invoices.findOfCustomerBefore(customer, last.issuedAt(), last.id(), 2))
                .extracting(InvoiceRecord::number).containsExactly(first.number());
    }
}

package io.perennial.billing;

import io.perennial.event.EventRepository;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.testsupport.Concurrently;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bank transfers against sent invoices in PostgreSQL: an exact match pays the invoice once, however often and however
 * concurrently the bank's transaction is recorded; a transfer racing the write-off of the overdue invoice either pays
 * it or finds it closed, never both.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BankTransfersTest implements TestPropertyProvider {

    static final Instant START = Instant.parse("2027-03-01T09:00:00Z");

    @Inject
    BillingActivitiesImpl billing;
    @Inject
    SentInvoiceActivitiesImpl sentInvoices;
    @Inject
    BankTransfers transfers;
    @Inject
    BankTransferRepository transferRows;
    @Inject
    EventRepository events;

    private IssuedInvoice invoice;
    private SentInvoice sent;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    @BeforeEach
    void aSentInvoiceOf1299() {
        String subscriptionId = UUID.randomUUID().toString();
        invoice = billing.issueInvoice(new InvoiceDraft(subscriptionId + ":1:renewal", subscriptionId,
                UUID.randomUUID().toString(), 1, "EUR", START, START.plusSeconds(30 * 86_400L),
                List.of(new InvoiceLine(InvoiceLineKind.PLAN, "Digital monthly", 1299)), true, START));
        sent = sentInvoices.sendInvoice(new InvoiceToSend(invoice.invoiceId(), START.plusSeconds(14 * 86_400L), START));
    }

    @Test
    void sendingAnInvoiceTwiceKeepsItsReferenceAndDueDate() {
        SentInvoice again = sentInvoices.sendInvoice(new InvoiceToSend(invoice.invoiceId(), START, START));
        assertThat(again.bankReference()).isEqualTo(sent.bankReference());
        assertThat(again.dueAt()).isEqualTo(START.plusSeconds(14 * 86_400L));
        assertThat(BankReference.parse(sent.bankReference())).contains(new BankReference(sent.bankReference()));
    }

    @Test
    void anExactTransferRecordedOnEightThreadsAtOncePaysTheInvoiceOnce() throws InterruptedException {
        String bankId = "tx-" + UUID.randomUUID();
        List<Concurrently.Outcome<BankTransferReceipt>> outcomes = Concurrently.run(8,
                i -> transfers.record(transfer(bankId, 1299, sent.bankReference()), "ops", START));

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        assertThat(outcomes).filteredOn(o -> o.value().outcome() == BankTransferReceipt.Outcome.RECORDED).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.value().paidSubscriptionId() != null).hasSize(1);
        assertThat(transferRows.findPaymentOf(UUID.fromString(invoice.invoiceId()))).get()
                .extracting(BankTransferRecord::bankTransactionId).isEqualTo(bankId);
        assertThat(sentInvoices.checkSentInvoice(invoice.invoiceId(), START)).isEqualTo(InvoiceStatus.PAID);
        assertThat(events.findPage("invoice.paid", invoice.invoiceId(), null, null, null, 10))
                .as("one invoice.paid event, written with the payment").hasSize(1);
    }

    @Test
    void anInvoiceUnpaidAtItsDueDateIsFlaggedOverdueWithOneEvent() {
        Instant due = START.plusSeconds(14 * 86_400L);
        assertThat(sentInvoices.checkSentInvoice(invoice.invoiceId(), due.minusSeconds(1))).isEqualTo(InvoiceStatus.OPEN);
        assertThat(events.findPage("invoice.overdue", invoice.invoiceId(), null, null, null, 10)).isEmpty();

        sentInvoices.checkSentInvoice(invoice.invoiceId(), due);
        sentInvoices.checkSentInvoice(invoice.invoiceId(), due.plusSeconds(86_400));

        assertThat(events.findPage("invoice.overdue", invoice.invoiceId(), null, null, null, 10))
                .as("flagged once, at business time").singleElement()
                .satisfies(event -> assertThat(event.created()).isEqualTo(due));
    }

    @Test
    void aSecondTransferForAPaidInvoiceAndAShortOneWaitForOps() {
        transfers.record(transfer("tx-" + UUID.randomUUID(), 1299, sent.bankReference()), "ops", START);

        BankTransferReceipt second = transfers.record(transfer("tx-" + UUID.randomUUID(), 1299,
                sent.bankReference().toLowerCase().replace("-", "")), "ops", START);
        assertThat(second.transfer().status()).isEqualTo(BankTransferRecord.UNMATCHED);
        assertThat(second.transfer().unmatchedReason()).isEqualTo("invoice_not_open");
        assertThat(transfers.assign(second.transfer().id(), UUID.fromString(invoice.invoiceId()), "ops", null, START)
                .outcome()).isEqualTo(BankTransferReceipt.Outcome.INVOICE_NOT_OPEN);
    }

    @Test
    void aTransferRacingTheWriteOffEitherPaysTheInvoiceOrFindsItClosed() throws InterruptedException {
        List<Concurrently.Outcome<InvoiceStatus>> outcomes = Concurrently.run(2, i -> i == 0
                ? sentInvoices.closeOverdueInvoice(invoice.invoiceId())
                : transfers.record(transfer("tx-" + UUID.randomUUID(), 1299, sent.bankReference()), "ops", START)
                        .transfer().status().equals(BankTransferRecord.MATCHED) ? InvoiceStatus.PAID
                        : InvoiceStatus.UNCOLLECTIBLE);

        // Both saw the same winner: the write-off reports the payment, or the transfer found the invoice closed.
        assertThat(outcomes.get(0).value()).isEqualTo(outcomes.get(1).value());
        assertThat(sentInvoices.checkSentInvoice(invoice.invoiceId(), START)).isEqualTo(outcomes.get(0).value());
    }

    @Test
    void aTransferRacingACancelEitherPaysTheInvoiceOrFindsItVoided() throws InterruptedException {
        List<Concurrently.Outcome<InvoiceStatus>> outcomes = Concurrently.run(2, i -> i == 0
                ? sentInvoices.voidSentInvoice(invoice.invoiceId())
                : transfers.record(transfer("tx-" + UUID.randomUUID(), 1299, sent.bankReference()), "ops", START)
                        .transfer().status().equals(BankTransferRecord.MATCHED) ? InvoiceStatus.PAID
                        : InvoiceStatus.VOID);

        // Both saw the same winner: the cancel's void reports the payment, or the transfer found the invoice void.
        assertThat(outcomes.get(0).value()).isIn(InvoiceStatus.PAID, InvoiceStatus.VOID)
                .isEqualTo(outcomes.get(1).value());
        assertThat(sentInvoices.checkSentInvoice(invoice.invoiceId(), START)).isEqualTo(outcomes.get(0).value());
    }

    @Test
    void aMistypedReferenceMatchesNothing() {
        char[] typed = sent.bankReference().toCharArray();
        typed[5] = typed[5] == 'A' ? 'B' : 'A';
        BankTransferReceipt receipt = transfers.record(transfer("tx-" + UUID.randomUUID(), 1299, new String(typed)),
                "ops", START);
        assertThat(receipt.transfer().unmatchedReason()).isEqualTo("unknown_reference");
        assertThat(sentInvoices.checkSentInvoice(invoice.invoiceId(), START)).isEqualTo(InvoiceStatus.OPEN);
    }

    private static IncomingBankTransfer transfer(String bankId, long amountMinor, String reference) {
        return new IncomingBankTransfer(bankId, amountMinor, "EUR", reference, "Ada Lovelace",
                LocalDate.of(2027, 3, 2));
    }
}

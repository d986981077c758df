package io.perennial.billing;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The customer's account credit: granted once per key, consumed by invoices, returned when an invoice is voided,
 * clawed back when a grant turns out undeserved. Every change that takes credit away holds the customer's credit
 * lock, so the balance never goes below zero.
 */
@Singleton
public class AccountCreditLedger {

    private final CreditEntryRepository entries;

    public AccountCreditLedger(CreditEntryRepository entries) {
        this.entries = entries;
    }

    @Transactional
    public void grant(CreditGrant grant) {
        entries.insertOnce(UUID.randomUUID(), grant.grantKey(), UUID.fromString(grant.customerId()),
                grant.currency(), CreditEntryKind.GRANT.name(), grant.amountMinor(), grant.reason(), null, null,
                grant.businessTime());
    }

    /** Takes back what is unspent of a grant, at most once per clawback key; 0 when the grant is unknown. */
    @Transactional
    public long clawBack(CreditClawback clawback) {
        Optional<CreditEntry> grant = entries.findByEntryKey(clawback.grantKey())
                .filter(entry -> entry.kind() == CreditEntryKind.GRANT);
        if (grant.isEmpty()) {
            return 0;
        }
        CreditEntry granted = grant.get();
        lock(granted.customerId());
        Optional<CreditEntry> done = entries.findByEntryKey(clawback.clawbackKey());
        if (done.isPresent()) {
            return -done.get().amountMinor();
        }
        long unspent = Math.min(granted.amountMinor() - entries.clawedBack(granted.entryKey()),
                entries.balance(granted.customerId(), granted.currency()));
        long amount = Math.max(0, unspent);
        entries.insertOnce(UUID.randomUUID(), clawback.clawbackKey(), granted.customerId(), granted.currency(),
                CreditEntryKind.CLAWBACK.name(), -amount, clawback.reason(), null, granted.entryKey(),
                clawback.businessTime());
        return amount;
    }

    /** Holds the customer's credit lock until the caller's transaction ends. */
    void lock(UUID customerId) {
        entries.lockCustomerCredit(customerId.toString());
    }

    /** How much of {@code wantedMinor} the balance covers; call inside a transaction holding the lock. */
    long spendable(UUID customerId, String currency, long wantedMinor) {
        return Math.min(Math.max(0, entries.balance(customerId, currency)), Math.max(0, wantedMinor));
    }

    /** Books the credit an invoice consumed, once per invoice. */
    void consume(InvoiceRecord invoice, long usedMinor) {
        entries.insertOnce(UUID.randomUUID(), invoice.invoiceKey() + ":credit", invoice.customerId(),
                invoice.currency(), CreditEntryKind.CONSUMED.name(), -usedMinor, "invoice " + invoice.number(),
                invoice.id(), null, invoice.issuedAt());
    }

    /** Gives back what a voided invoice consumed, once. */
    void returnConsumed(InvoiceRecord invoice, Instant voidedAt) {
        entries.findByEntryKey(invoice.invoiceKey() + ":credit").ifPresent(consumed ->
                entries.insertOnce(UUID.randomUUID(), invoice.invoiceKey() + ":credit-returned",
                        invoice.customerId(), invoice.currency(), CreditEntryKind.RETURNED.name(),
                        -consumed.amountMinor(), "invoice " + invoice.number() + " voided", invoice.id(), null,
                        voidedAt));
    }
}

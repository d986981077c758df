package io.perennial.billing;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger log = LoggerFactory.getLogger(AccountCreditLedger.class);

    private final CreditEntryRepository entries;
    private final PeriodReturns periods;

    public AccountCreditLedger(CreditEntryRepository entries, PeriodReturns periods) {
        this.entries = entries;
        this.periods = periods;
    }

    /**
     * Grants the credit once per key. Credit that gives back part of a paid period (pause, plan change) is
     * granted only out of what the period has left to give back: an ops refund of the period that came first
     * leaves less, or nothing.
     */
    @Transactional
    public void grant(CreditGrant grant) {
        if (grant.subscriptionId() == null) {
            entries.insertOnce(UUID.randomUUID(), grant.grantKey(), UUID.fromString(grant.customerId()),
                    grant.currency(), CreditEntryKind.GRANT.name(), grant.amountMinor(), grant.reason(), null, null,
                    grant.businessTime());
            return;
        }
        UUID subscriptionId = UUID.fromString(grant.subscriptionId());
        periods.lock(subscriptionId, grant.sourcePeriod());
        if (entries.findByEntryKey(grant.grantKey()).isPresent()) {
            return;
        }
        long amount = Math.min(grant.amountMinor(), periods.left(subscriptionId, grant.sourcePeriod()));
        if (amount < grant.amountMinor()) {
            log.info("Period {} of subscription {} has {} left to give back; {} grants {} of {} asked",
                    grant.sourcePeriod(), subscriptionId, amount, grant.grantKey(), amount, grant.amountMinor());
        }
        if (amount > 0) {
            entries.insertOnce(UUID.randomUUID(), grant.grantKey(), UUID.fromString(grant.customerId()),
                    grant.currency(), CreditEntryKind.GRANT.name(), amount, grant.reason(), null, null,
                    grant.businessTime(), subscriptionId, grant.sourcePeriod());
        }
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

    /**
     * Ops and admins give (positive, a GRANT) or take (negative, an ADJUSTMENT) credit with a reason, once per key;
     * returns the balance after it, or empty when a taking would leave the balance below zero (nothing booked).
     */
    @Transactional
    public Optional<Long> adjust(UUID customerId, String currency, String key, long amountMinor, String reason,
                                 Instant at) {
        lock(customerId);
        if (entries.findByEntryKey(key).isEmpty()) {
            long balance = entries.balance(customerId, currency);
            if (balance + amountMinor < 0) {
                return Optional.empty();
            }
            CreditEntryKind kind = amountMinor > 0 ? CreditEntryKind.GRANT : CreditEntryKind.ADJUSTMENT;
            entries.insertOnce(UUID.randomUUID(), key, customerId, currency, kind.name(), amountMinor, reason, null,
                    null, at);
        }
        return Optional.of(entries.balance(customerId, currency));
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

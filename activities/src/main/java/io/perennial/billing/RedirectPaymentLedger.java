package io.perennial.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.perennial.payment.DeclineCodes;
import io.perennial.payment.GatewayResult;
import io.perennial.payment.Payment;
import io.perennial.payment.PaymentRepository;
import io.perennial.payment.PaymentSettlement;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Our side of redirect payments, each change one transaction. A confirmed payment pays its invoice under the
 * invoice's row lock, as a bank transfer does ({@link BankTransfers}), and only an {@code OPEN} invoice: whichever
 * of a transfer, a redirect payment, the overdue write-off or a cancel's void gets to the row first wins, and money a
 * later confirmation brings is marked for refund, never kept. The payment that pays it is a {@code payments} row
 * settled like any charge ({@link PaymentSettlement}), so an invoice keeps its one successful payment.
 */
@Singleton
public class RedirectPaymentLedger {

    /** What a confirmation did. */
    public enum Effect { PAID, TO_REFUND, FAILED, DUPLICATE }

    public record Confirmation(Effect effect, RedirectPaymentRecord payment, @Nullable UUID subscriptionId) {
    }

    private final RedirectPaymentRepository redirects;
    private final InvoiceRepository invoices;
    private final SentInvoiceRepository sentInvoices;
    private final PaymentRepository payments;
    private final PaymentSettlement settlement;

    public RedirectPaymentLedger(RedirectPaymentRepository redirects, InvoiceRepository invoices,
                                 SentInvoiceRepository sentInvoices, PaymentRepository payments,
                                 PaymentSettlement settlement) {
        this.redirects = redirects;
        this.invoices = invoices;
        this.sentInvoices = sentInvoices;
        this.payments = payments;
        this.settlement = settlement;
    }

    /**
     * The session to show the customer: the latest of the method while the customer may still answer it or while
     * the provider is being asked, else a new attempt (after one that failed or expired). Empty when the invoice is
     * not a sent, open invoice.
     */
    @Transactional
    public Optional<RedirectPaymentRecord> sessionToOpen(UUID invoiceId, String method, Instant now) {
        Optional<InvoiceRecord> invoice = invoices.lockById(invoiceId);
        if (invoice.isEmpty() || invoice.get().status() != InvoiceStatus.OPEN
                || sentInvoices.findByInvoiceId(invoiceId).isEmpty()) {
            return Optional.empty();
        }
        Optional<RedirectPaymentRecord> latest = redirects.findLatest(invoiceId, method);
        if (latest.isPresent() && (latest.get().awaitsCustomer(now)
                || RedirectPaymentRecord.OPENING.equals(latest.get().status()))) {
            return latest;
        }
        int attempt = latest.map(earlier -> earlier.attempt() + 1).orElse(1);
        latest.filter(earlier -> RedirectPaymentRecord.AWAITING_CUSTOMER.equals(earlier.status()))
                .ifPresent(expired -> redirects.settle(expired.paymentKey(), RedirectPaymentRecord.EXPIRED,
                        DeclineCodes.REDIRECT_EXPIRED, null, null));
        String key = RedirectMethods.paymentKey(invoiceId.toString(), method, attempt);
        redirects.insertOpening(key, invoiceId, method, attempt, invoice.get().totalMinor(),
                invoice.get().currency());
        return redirects.findById(key);
    }

    @Transactional
    public RedirectPaymentRecord opened(String paymentKey, String reference, String redirectUrl, Instant expiresAt) {
        redirects.opened(paymentKey, reference, redirectUrl, expiresAt);
        return redirects.findById(paymentKey).orElseThrow();
    }

    /** The redirect payment an event of the provider names, by our key or else by the provider's id. */
    @Transactional
    public Optional<RedirectPaymentRecord> find(@Nullable String paymentKey, @Nullable String providerReference) {
        Optional<RedirectPaymentRecord> byKey = paymentKey == null ? Optional.empty() : redirects.findById(paymentKey);
        return byKey.isPresent() || providerReference == null ? byKey
                : redirects.findByProviderReference(providerReference);
    }

    /**
     * The provider confirms the customer paid ({@code reference}: its id of the payment): pays the invoice if it is
     * still OPEN, else marks the money for refund. A second confirmation finds the first's outcome and does nothing.
     */
    @Transactional
    public Confirmation succeeded(String paymentKey, String reference, Instant businessTime) {
        RedirectPaymentRecord redirect = redirects.lock(paymentKey).orElseThrow();
        switch (redirect.status()) {
            case RedirectPaymentRecord.PAID, RedirectPaymentRecord.REFUNDED, RedirectPaymentRecord.REFUND_FAILED -> {
                return new Confirmation(Effect.DUPLICATE, redirect, null);
            }
            case RedirectPaymentRecord.REFUNDING -> {
                return new Confirmation(Effect.TO_REFUND, redirect, null);
            }
            default -> {
            }
        }
        InvoiceRecord invoice = invoices.lockById(redirect.invoiceId()).orElseThrow();
        if (invoice.status() != InvoiceStatus.OPEN) {
            redirects.settle(paymentKey, RedirectPaymentRecord.REFUNDING, null, null, reference);
            return new Confirmation(Effect.TO_REFUND, redirects.findById(paymentKey).orElseThrow(), null);
        }
        payments.insertPending(UUID.randomUUID(), paymentKey, invoice.subscriptionId(), invoice.customerId(),
                invoice.period(), redirect.method(), redirect.amountMinor(), redirect.currency(), businessTime,
                invoice.id());
        Payment pending = payments.findByIdempotencyKey(paymentKey).orElseThrow();
        Payment paid = settlement.settle(pending, GatewayResult.approved(reference));
        redirects.settle(paymentKey, RedirectPaymentRecord.PAID, null, paid.id(), reference);
        return new Confirmation(Effect.PAID, redirects.findById(paymentKey).orElseThrow(), invoice.subscriptionId());
    }

    /** The provider says the customer failed it, or the session expired; a confirmed payment is left as it is. */
    @Transactional
    public Confirmation failed(String paymentKey, @Nullable String declineCode) {
        RedirectPaymentRecord redirect = redirects.lock(paymentKey).orElseThrow();
        if (!RedirectPaymentRecord.AWAITING_CUSTOMER.equals(redirect.status())
                && !RedirectPaymentRecord.OPENING.equals(redirect.status())) {
            return new Confirmation(Effect.DUPLICATE, redirect, null);
        }
        String status = DeclineCodes.REDIRECT_EXPIRED.equals(declineCode)
                ? RedirectPaymentRecord.EXPIRED : RedirectPaymentRecord.FAILED;
        redirects.settle(paymentKey, status, declineCode == null ? DeclineCodes.REDIRECT_FAILED
                : declineCode, null, null);
        return new Confirmation(Effect.FAILED, redirects.findById(paymentKey).orElseThrow(), null);
    }

    @Transactional
    public java.util.List<RedirectPaymentRecord> unansweredExpiredBefore(Instant before, int limit) {
        return redirects.findUnansweredExpiredBefore(before, limit);
    }

    @Transactional
    public RedirectPaymentRecord refunded(String paymentKey, boolean succeeded, @Nullable String refundReference) {
        redirects.refunded(paymentKey, succeeded ? RedirectPaymentRecord.REFUNDED : RedirectPaymentRecord.REFUND_FAILED,
                refundReference);
        return redirects.findById(paymentKey).orElseThrow();
    }
}

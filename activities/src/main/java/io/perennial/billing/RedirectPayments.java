package io.perennial.billing;

import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.payment.GatewayRefund;
import io.perennial.payment.GatewayResult;
import io.perennial.payment.PaymentGateway;
import io.perennial.payment.PaymentMethodRefusedException;
import io.perennial.payment.RedirectCharge;
import io.perennial.payment.RedirectSession;
import io.perennial.subscription.InvoicePaymentNotice;
import io.perennial.subscription.SubscriptionWorkflow;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Sent invoices paid by a redirect method (Alipay, WeChat Pay): the session is opened at the provider under our key,
 * and the provider's asynchronous confirmation ({@code payment_intent.succeeded} or the simulated provider's event)
 * pays the invoice once ({@link RedirectPaymentLedger}), after which the subscription is told ({@code invoicePaid}:
 * it only wakes and reads the ledger). Money confirmed for an invoice that was paid otherwise, voided or written off
 * is refunded at the provider under {@code {paymentKey}:refund}, audited, and never kept.
 */
@Singleton
public class RedirectPayments {

    private static final Logger log = LoggerFactory.getLogger(RedirectPayments.class);
    static final String ACTOR = "payment-provider";

    private final RedirectPaymentLedger ledger;
    private final InvoiceRepository invoices;
    private final PaymentGateway gateway;
    private final WorkflowClient temporal;
    private final AuditLog audit;

    public RedirectPayments(RedirectPaymentLedger ledger, InvoiceRepository invoices, PaymentGateway gateway,
                            WorkflowClient temporal, AuditLog audit) {
        this.ledger = ledger;
        this.invoices = invoices;
        this.gateway = gateway;
        this.temporal = temporal;
        this.audit = audit;
    }

    /** The session the customer is sent to; asked twice while it lasts, the same one. */
    public RedirectPaymentSession open(RedirectPaymentRequest request) {
        UUID invoiceId = UUID.fromString(request.invoiceId());
        if (!RedirectMethods.ALL.contains(request.method())) {
            throw notPayable("Unknown redirect method " + request.method());
        }
        RedirectPaymentRecord session = ledger.sessionToOpen(invoiceId, request.method(), Instant.now())
                .orElseThrow(() -> notPayable("Invoice " + invoiceId + " is not a sent, open invoice"));
        if (!RedirectPaymentRecord.OPENING.equals(session.status())) {
            return session.session();
        }
        InvoiceRecord invoice = invoices.findById(invoiceId).orElseThrow();
        RedirectSession opened;
        try {
            opened = gateway.startRedirect(new RedirectCharge(session.paymentKey(), session.amountMinor(),
                    session.currency(), session.method(), request.returnUrl(), invoiceId, invoice.customerId()));
        } catch (PaymentMethodRefusedException refused) {
            throw ApplicationFailure.newNonRetryableFailure("The provider refused " + request.method() + ": "
                    + refused.getMessage(), RedirectMethods.METHOD_REFUSED);
        }
        return ledger.opened(session.paymentKey(), opened.reference(), opened.redirectUrl(), opened.expiresAt())
                .session();
    }

    /**
     * The provider's event about a payment, if it is a redirect payment of ours: its effect ({@code PAID},
     * {@code REFUNDED}, {@code REFUND_FAILED}, {@code FAILED}, {@code DUPLICATE}) and what it concerned; empty when
     * the event is about another payment.
     */
    public Optional<String> confirm(String paymentKey, String providerReference, boolean succeeded,
                                    String declineCode, Instant businessTime) {
        if (paymentKey != null && !RedirectMethods.isRedirectKey(paymentKey)) {
            return Optional.empty();
        }
        Optional<RedirectPaymentRecord> known = ledger.find(paymentKey, providerReference);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        String key = known.get().paymentKey();
        if (!succeeded) {
            return Optional.of(ledger.failed(key, declineCode).effect().name());
        }
        String reference = providerReference != null ? providerReference : known.get().providerReference();
        RedirectPaymentLedger.Confirmation confirmation = ledger.succeeded(key, reference, businessTime);
        return Optional.of(switch (confirmation.effect()) {
            case PAID -> {
                tell(confirmation.subscriptionId(), confirmation.payment().invoiceId());
                yield "PAID";
            }
            case TO_REFUND -> giveBack(confirmation.payment());
            default -> confirmation.effect().name();
        });
    }

    /**
     * Sessions whose confirmation never reached us (a lost event): those still waiting for the customer a grace period
     * after the provider's expiry are asked about at the provider by their key. One it took money for is confirmed now
     * (it pays the invoice, or is refunded); any other is closed as expired. Returns the sessions as they are after.
     * A provider that cannot answer leaves the rest for the next sweep.
     */
    public java.util.List<RedirectPaymentRecord> reconcile(Instant now, java.time.Duration grace, int limit,
                                                           Instant businessTime) {
        java.util.List<RedirectPaymentRecord> after = new java.util.ArrayList<>();
        for (RedirectPaymentRecord waiting : ledger.unansweredExpiredBefore(now.minus(grace), limit)) {
            Optional<GatewayResult> booked;
            try {
                booked = gateway.findCharge(waiting.paymentKey());
            } catch (io.perennial.payment.GatewayUnavailableException e) {
                log.warn("Reconciliation: provider not reachable about redirect payment {}: {}",
                        waiting.paymentKey(), e.getMessage());
                break;
            }
            if (booked.isPresent() && booked.get().approved()) {
                confirm(waiting.paymentKey(), booked.get().reference(), true, null, businessTime);
                log.warn("Reconciliation: redirect payment {} was taken at the provider but never confirmed to us; "
                        + "settled now", waiting.paymentKey());
            } else {
                ledger.failed(waiting.paymentKey(), io.perennial.payment.DeclineCodes.REDIRECT_EXPIRED);
            }
            after.add(ledger.find(waiting.paymentKey(), null).orElseThrow());
        }
        return after;
    }

    /** Refunds, under its own key, what the provider took for an invoice that was no longer open. */
    private String giveBack(RedirectPaymentRecord taken) {
        GatewayResult refund = gateway.refund(new GatewayRefund(taken.paymentKey() + ":refund",
                taken.providerReference(), taken.amountMinor(), taken.currency()));
        RedirectPaymentRecord after = ledger.refunded(taken.paymentKey(), refund.approved(), refund.reference());
        audit.save(AuditEntry.of(ACTOR, "redirect-payment.refunded", "invoice:" + taken.invoiceId(),
                taken.method() + " payment " + taken.paymentKey() + " of " + taken.amountMinor() + " "
                        + taken.currency() + " confirmed for an invoice that was no longer open",
                after.status() + (refund.approved() ? "" : " (" + refund.declineCode() + ")")));
        log.warn("Redirect payment {} was confirmed for invoice {}, which was no longer open: refund {}",
                taken.paymentKey(), taken.invoiceId(), after.status());
        return after.status();
    }

    /** The subscription reads the ledger; a lost notice is made up at the due date. */
    private void tell(UUID subscriptionId, UUID invoiceId) {
        try {
            temporal.newUntypedWorkflowStub(WorkflowIds.subscription(subscriptionId.toString()))
                    .signal(SubscriptionWorkflow.INVOICE_PAID, new InvoicePaymentNotice(invoiceId.toString()));
        } catch (WorkflowException ended) {
            log.info("Invoice {} was paid after its subscription {} ended", invoiceId, subscriptionId);
        }
    }

    private static ApplicationFailure notPayable(String message) {
        return ApplicationFailure.newNonRetryableFailure(message, RedirectMethods.INVOICE_NOT_PAYABLE);
    }
}

package io.perennial.payment;

import io.perennial.billing.BillingActivities;
import io.perennial.billing.IssuedInvoice;
import io.perennial.billing.InvoiceRecord;
import io.perennial.billing.InvoiceRepository;
import io.perennial.billing.InvoiceStatus;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Charges a billing period or an invoice exactly once, and refunds once per key: what was already paid is never
 * charged again, the intent is stored before the provider is called, and the provider is called with the same
 * idempotency key on every retry.
 */
@Singleton
public class PaymentActivitiesImpl implements PaymentActivities {

    private static final Logger log = LoggerFactory.getLogger(PaymentActivitiesImpl.class);

    private final PaymentRepository payments;
    private final InvoiceRepository invoices;
    private final PaymentSettlement settlement;
    private final RefundBook refunds;
    private final PaymentGateway gateway;
    private final BillingMetrics metrics;
    private final ChargesInDoubt chargesInDoubt;
    private final BillingActivities billing;

    public PaymentActivitiesImpl(PaymentRepository payments, InvoiceRepository invoices, PaymentSettlement settlement,
                                 RefundBook refunds, PaymentGateway gateway, BillingMetrics metrics,
                                 ChargesInDoubt chargesInDoubt, BillingActivities billing) {
        this.billing = billing;
        this.chargesInDoubt = chargesInDoubt;
        this.payments = payments;
        this.invoices = invoices;
        this.settlement = settlement;
        this.refunds = refunds;
        this.gateway = gateway;
        this.metrics = metrics;
    }

    @Override
    public ChargeReceipt chargeRenewal(RenewalCharge charge) {
        UUID subscriptionId = UUID.fromString(charge.subscriptionId());
        Optional<Payment> alreadyPaid = payments.findSucceeded(subscriptionId, charge.period());
        if (alreadyPaid.isPresent()) {
            log.info("Period {} of subscription {} is already paid by {}; not charging again",
                    charge.period(), charge.subscriptionId(), alreadyPaid.get().idempotencyKey());
            return receipt(alreadyPaid.get());
        }
        return collect(new ChargeIntent(charge.idempotencyKey(), subscriptionId, UUID.fromString(charge.customerId()),
                charge.period(), charge.purpose(), charge.amountMinor(), charge.currency(), charge.businessTime(),
                null), charge.paymentMethod(), AuthenticationOffer.NONE);
    }

    /**
     * Charges the invoice's total (the invoice, not the request, says what is due). An invoice paid without a
     * charge (account credit covered it) yields a receipt of 0 with no payment id. A VOID or UNCOLLECTIBLE
     * invoice is refused with {@link PaymentRefusals#INVOICE_NOT_COLLECTIBLE}.
     */
    @Override
    public ChargeReceipt chargeInvoice(InvoiceCharge charge) {
        UUID invoiceId = UUID.fromString(charge.invoiceId());
        InvoiceRecord invoice = invoices.findById(invoiceId).orElseThrow(() -> ApplicationFailure
                .newNonRetryableFailure("No invoice " + invoiceId, PaymentRefusals.INVOICE_NOT_FOUND));
        Optional<Payment> alreadyPaid = payments.findSucceededForInvoice(invoiceId);
        if (alreadyPaid.isPresent()) {
            log.info("Invoice {} is already paid by {}; not charging again", invoice.number(),
                    alreadyPaid.get().idempotencyKey());
            return receipt(alreadyPaid.get());
        }
        if (invoice.status() == InvoiceStatus.PAID) {
            return new ChargeReceipt(null, charge.idempotencyKey(), 0, invoice.currency(), null, invoice.paidAt());
        }
        if (invoice.status() != InvoiceStatus.OPEN) {
            throw ApplicationFailure.newNonRetryableFailure("Invoice " + invoice.number() + " is "
                    + invoice.status() + " and cannot be charged", PaymentRefusals.INVOICE_NOT_COLLECTIBLE);
        }
        if (charge.amountMinor() != invoice.totalMinor() || !charge.currency().equals(invoice.currency())) {
            log.warn("Charge {} asks {} {} but invoice {} is due {} {}; charging the invoice's total",
                    charge.idempotencyKey(), charge.amountMinor(), charge.currency(), invoice.number(),
                    invoice.totalMinor(), invoice.currency());
        }
        ChargeReceipt receipt = collect(new ChargeIntent(charge.idempotencyKey(), invoice.subscriptionId(),
                invoice.customerId(), charge.period(), charge.purpose(), invoice.totalMinor(), invoice.currency(),
                charge.businessTime(), invoiceId), charge.paymentMethod(), charge.offer());
        // Usually done with the settlement; this covers a key that was paid before the invoice existed.
        settlement.markInvoicePaid(invoiceId, receipt.chargedAt());
        return receipt;
    }

    /**
     * Issues the invoice exactly as {@code IssueInvoice} does, then charges it as {@link #chargeInvoice}: a retried
     * attempt finds the invoice issued under its key and the charge under its own. A decline is returned, with the
     * invoice it declined.
     */
    @Override
    public CollectedInvoice issueAndCharge(InvoiceToCollect request) {
        IssuedInvoice invoice = billing.issueInvoice(request.draft());
        try {
            return new CollectedInvoice(invoice, chargeInvoice(request.chargeOf(invoice.invoiceId(),
                    invoice.totalMinor())), null);
        } catch (ApplicationFailure failure) {
            if (!PaymentFailures.PAYMENT_DECLINED.equals(failure.getType())) {
                throw failure;
            }
            return new CollectedInvoice(invoice, null,
                    failure.getDetails().get(0, PaymentDecline.class, PaymentDecline.class));
        }
    }

    /**
     * Gives back min(asked, paid − already refunded) of one payment of the period, the renewal's first, once per
     * refund key. When nothing of the period is left to refund (or nothing was paid), the receipt says 0 and has no
     * refund id; nothing is stored then. A refund the provider refuses is {@link PaymentRefusals#REFUND_REFUSED}.
     */
    @Override
    public RefundReceipt refund(RefundRequest request) {
        Optional<Refund> reserved = refunds.reserve(request);
        if (reserved.isEmpty()) {
            log.info("Nothing of period {} of subscription {} left to refund for {}", request.period(),
                    request.subscriptionId(), request.refundKey());
            return new RefundReceipt(null, request.refundKey(), 0, request.currency(), null);
        }
        Refund refund = reserved.get();
        if (refund.status() == RefundStatus.PENDING) {
            Payment payment = payments.findById(refund.paymentId()).orElseThrow();
            GatewayRefund giveBack = new GatewayRefund(refund.refundKey(), payment.gatewayReference(),
                    refund.amountMinor(), refund.currency());
            refund = refunds.settle(refund, callGateway(() -> gateway.refund(giveBack)));
            if (refund.status() != RefundStatus.FAILED) {
                metrics.refunded(refund.currency(), refund.amountMinor());
            }
        }
        if (refund.status() == RefundStatus.FAILED) {
            throw ApplicationFailure.newNonRetryableFailure("Refund " + refund.refundKey() + " refused by the provider: "
                    + refund.failureCode(), PaymentRefusals.REFUND_REFUSED);
        }
        return new RefundReceipt(refund.id().toString(), refund.refundKey(), refund.amountMinor(), refund.currency(),
                refund.gatewayReference());
    }

    @Override
    public VoidedInvoiceSettlement settleVoidedInvoice(VoidedInvoice voided) {
        UUID invoiceId = UUID.fromString(voided.invoiceId());
        if (invoices.findById(invoiceId).map(InvoiceRecord::status).orElse(null) != InvoiceStatus.VOID) {
            return new VoidedInvoiceSettlement(0, 0, 0);
        }
        int taken = 0;
        long refunded = 0;
        int inDoubt = 0;
        for (Payment payment : payments.findByInvoiceIdOrderByCreatedAt(invoiceId)) {
            try {
                if (payment.status() == PaymentStatus.REQUIRES_ACTION) {
                    // Nothing collects the invoice any more: the customer's request is closed, its outcome read.
                    payment = concludeCustomerAction(payment, AuthenticationOffer.EXPIRED);
                }
                if (payment.status() == PaymentStatus.PENDING) {
                    payment = chargesInDoubt.askProvider(payment);
                    if (payment.status() == PaymentStatus.PENDING) {
                        // Not booked, or not yet: a request that timed out may still land. The sweep abandons it
                        // once it is still not booked after the grace period.
                        inDoubt++;
                        continue;
                    }
                }
                if (payment.status() != PaymentStatus.SUCCEEDED) {
                    continue;
                }
                taken++;
                Optional<Refund> refund = chargesInDoubt.giveBack(payment, voided.businessTime());
                if (refund.isPresent() && refund.get().status() == RefundStatus.SUCCEEDED) {
                    refunded += refund.get().amountMinor();
                } else if (refund.isPresent()) {
                    inDoubt++;
                }
            } catch (GatewayUnavailableException e) {
                metrics.providerFailed(e.reason());
                log.warn("Provider not reachable about charge {} of voided invoice {}; left to the reconciliation "
                        + "sweep: {}", payment.idempotencyKey(), invoiceId, e.getMessage());
                inDoubt++;
            }
        }
        return new VoidedInvoiceSettlement(taken, refunded, inDoubt);
    }

    /**
     * Stores the intent, asks the provider unless its answer is stored already, and turns a decline into a failure.
     * A charge waiting for the customer (REQUIRES_ACTION) is never charged again: the provider is asked what the
     * customer answered under the same key ({@link #concludeCustomerAction}); it is thrown as a decline with the code
     * {@code authentication_required} for as long as it waits.
     */
    private ChargeReceipt collect(ChargeIntent intent, String paymentMethod, AuthenticationOffer offer) {
        payments.insertPending(UUID.randomUUID(), intent.idempotencyKey(), intent.subscriptionId(),
                intent.customerId(), intent.period(), intent.purpose(), intent.amountMinor(), intent.currency(),
                intent.businessTime(), intent.invoiceId());
        Payment payment = payments.findByIdempotencyKey(intent.idempotencyKey()).orElseThrow();
        if (payment.status() == PaymentStatus.PENDING) {
            GatewayCharge take = new GatewayCharge(payment.idempotencyKey(), payment.amountMinor(),
                    payment.currency(), paymentMethod, payment.customerId());
            payment = settlement.settle(payment, callGateway(() -> gateway.charge(take)),
                    offer != AuthenticationOffer.NONE);
            metrics.charged(payment.purpose(), outcome(payment), payment.currency(), payment.amountMinor());
        } else if (payment.status() == PaymentStatus.REQUIRES_ACTION) {
            try {
                payment = concludeCustomerAction(payment, offer);
            } catch (GatewayUnavailableException e) {
                metrics.providerFailed(e.reason());
                throw e.toRetryableFailure();
            }
        }
        if (payment.status() == PaymentStatus.DECLINED || payment.status() == PaymentStatus.REQUIRES_ACTION) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "Charge " + payment.idempotencyKey() + " declined: " + payment.declineCode(),
                    PaymentFailures.PAYMENT_DECLINED,
                    new PaymentDecline(payment.id().toString(), payment.declineCode(), "The card was declined."));
        }
        return receipt(payment);
    }

    /**
     * What became of a charge that waited for the customer: the provider's answer under its key. While the customer
     * may still act ({@link AuthenticationOffer#OFFERED}) an unanswered request keeps it waiting; otherwise the
     * request is closed first (so a late approval cannot take money) and an unanswered one is declined
     * {@code authentication_expired}. Never charges. Throws {@link GatewayUnavailableException}.
     */
    private Payment concludeCustomerAction(Payment waiting, AuthenticationOffer offer) {
        boolean mayStillAct = offer == AuthenticationOffer.OFFERED;
        GatewayResult held = CustomerActionOutcomes.read(gateway, waiting.idempotencyKey(), mayStillAct);
        Payment settled = settlement.settle(waiting, held, mayStillAct);
        if (settled.status() != PaymentStatus.REQUIRES_ACTION) {
            metrics.charged(settled.purpose(), outcome(settled), settled.currency(), settled.amountMinor());
            log.info("Charge {} that waited for the customer settled {} ({})", settled.idempotencyKey(),
                    settled.status(), settled.declineCode());
        }
        return settled;
    }

    private static String outcome(Payment payment) {
        return switch (payment.status()) {
            case SUCCEEDED -> "succeeded";
            case REQUIRES_ACTION -> "requires_action";
            default -> "declined";
        };
    }

    private GatewayResult callGateway(Supplier<GatewayResult> call) {
        try {
            return call.get();
        } catch (GatewayUnavailableException e) {
            metrics.providerFailed(e.reason());
            // Retryable: Temporal calls again with the same key, and the provider returns the same outcome.
            throw e.toRetryableFailure();
        }
    }

    private static ChargeReceipt receipt(Payment payment) {
        return new ChargeReceipt(payment.id().toString(), payment.idempotencyKey(), payment.amountMinor(),
                payment.currency(), payment.gatewayReference(), payment.businessTime());
    }

    /** What one charge attempt is for; the key is stored before the provider hears of it. */
    private record ChargeIntent(String idempotencyKey, UUID subscriptionId, UUID customerId, int period,
                                String purpose, long amountMinor, String currency, Instant businessTime,
                                UUID invoiceId) {
    }
}

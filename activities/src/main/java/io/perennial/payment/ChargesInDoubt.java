package io.perennial.payment;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/**
 * Charges whose answer was lost (a timeout after the provider booked them): asks the provider by the charge's key
 * what it holds and stores that, and gives back what was taken for an invoice that was voided meanwhile. Used when a
 * held renewal is canceled and by the reconciliation sweep. Provider calls throw {@link GatewayUnavailableException}
 * like every gateway call; the caller decides whether that waits for the next sweep.
 */
@Singleton
public class ChargesInDoubt {

    /** The reason stored on refunds of charges taken for voided invoices. */
    public static final String VOIDED_INVOICE = "voided_invoice";

    private final PaymentGateway gateway;
    private final PaymentSettlement settlement;
    private final PaymentRepository payments;
    private final RefundBook refunds;
    private final BillingMetrics metrics;

    public ChargesInDoubt(PaymentGateway gateway, PaymentSettlement settlement, PaymentRepository payments,
                          RefundBook refunds, BillingMetrics metrics) {
        this.gateway = gateway;
        this.settlement = settlement;
        this.payments = payments;
        this.refunds = refunds;
        this.metrics = metrics;
    }

    /**
     * Stores what the provider booked under a PENDING payment's key (SUCCEEDED or DECLINED) and returns the payment
     * as stored; a payment the provider never booked is returned still PENDING.
     */
    public Payment askProvider(Payment pending) {
        Optional<GatewayResult> booked = gateway.findCharge(pending.idempotencyKey());
        return booked.map(result -> settle(pending, result)).orElse(pending);
    }

    /**
     * Stores an answer the provider gave by other means (a signed webhook event) for a PENDING payment, as
     * {@link #askProvider} stores the one it asks for; a settled payment is returned as stored.
     */
    public Payment settle(Payment pending, GatewayResult answer) {
        return settlement.settle(pending, answer);
    }

    /** A PENDING payment the provider never booked, whose invoice nothing collects any more: off the books. */
    public Payment abandon(Payment pending) {
        payments.abandon(pending.id());
        return payments.findById(pending.id()).orElseThrow();
    }

    /**
     * Gives back all that is left of a payment taken for a voided invoice, once, under {@code {chargeKey}:void-refund}:
     * the refund as stored (SUCCEEDED, FAILED, or PENDING when an earlier try went unanswered), or empty when nothing
     * of the payment is left.
     */
    public Optional<Refund> giveBack(Payment taken, Instant businessTime) {
        Optional<Refund> reserved = refunds.reserveWhole(taken, taken.idempotencyKey() + ":void-refund",
                VOIDED_INVOICE, businessTime);
        if (reserved.isEmpty() || reserved.get().status() != RefundStatus.PENDING) {
            return reserved;
        }
        Refund refund = reserved.get();
        Refund settled = refunds.settle(refund, gateway.refund(new GatewayRefund(refund.refundKey(),
                taken.gatewayReference(), refund.amountMinor(), refund.currency())));
        if (settled.status() == RefundStatus.SUCCEEDED) {
            metrics.refunded(settled.currency(), settled.amountMinor());
        }
        return Optional.of(settled);
    }
}

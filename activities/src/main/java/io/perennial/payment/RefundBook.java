package io.perennial.payment;

import io.micronaut.transaction.annotation.Transactional;
import io.perennial.event.EventLog;
import io.perennial.event.EventObjects;
import io.perennial.event.EventType;
import io.perennial.billing.PeriodReturns;
import io.perennial.points.MemberPoints;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides what a refund request gives back and of which payment, once per refund key. The period's payments are
 * locked while it counts what is already refunded, so refunds under different keys never exceed what was paid.
 */
@Singleton
public class RefundBook {

    private final RefundRepository refunds;
    private final PaymentRepository payments;
    private final PeriodReturns periods;
    private final EventLog events;
    private final MemberPoints points;

    public RefundBook(RefundRepository refunds, PaymentRepository payments, PeriodReturns periods, EventLog events,
                      MemberPoints points) {
        this.refunds = refunds;
        this.payments = payments;
        this.periods = periods;
        this.events = events;
        this.points = points;
    }

    /**
     * The refund stored under the request's key, or a new PENDING refund of min(asked, what the period has left
     * to give back, what one payment of it has not refunded yet) drawn on that payment (the renewal's first); empty
     * when nothing of the period is left to refund. Pause and plan-change credit given for the period count as
     * given back ({@link PeriodReturns}).
     */
    @Transactional
    public Optional<Refund> reserve(RefundRequest request) {
        Optional<Refund> earlier = refunds.findByRefundKey(request.refundKey());
        if (earlier.isPresent()) {
            return earlier;
        }
        UUID subscriptionId = UUID.fromString(request.subscriptionId());
        periods.lock(subscriptionId, request.period());
        String renewalInvoiceKey = request.subscriptionId() + ":" + request.period() + ":renewal";
        List<Payment> paid = payments.lockRefundable(subscriptionId, request.period(), renewalInvoiceKey);
        // With the payments locked, a concurrent request under the same key has either stored its refund or waits.
        earlier = refunds.findByRefundKey(request.refundKey());
        if (earlier.isPresent()) {
            return earlier;
        }
        long periodLeft = periods.left(subscriptionId, request.period());
        for (Payment payment : paid) {
            long left = Math.min(periodLeft, payment.amountMinor() - refunds.refundedOrPending(payment.id()));
            if (left > 0 && payment.currency().equals(request.currency())) {
                UUID id = UUID.randomUUID();
                refunds.insertPending(id, request.refundKey(), payment.id(), subscriptionId, request.period(),
                        Math.min(request.amountMinor(), left), payment.currency(), request.reason(),
                        request.businessTime());
                return refunds.findById(id);
            }
        }
        return Optional.empty();
    }

    /**
     * The refund stored under {@code refundKey}, or a new PENDING refund of all that is left of one payment (paid
     * minus refunded or on its way back); empty when nothing of it is left. The payment's row is locked meanwhile.
     */
    @Transactional
    public Optional<Refund> reserveWhole(Payment payment, String refundKey, String reason, Instant businessTime) {
        Optional<Refund> earlier = refunds.findByRefundKey(refundKey);
        if (earlier.isPresent()) {
            return earlier;
        }
        payments.lock(payment.id()).orElseThrow();
        earlier = refunds.findByRefundKey(refundKey);
        if (earlier.isPresent()) {
            return earlier;
        }
        long left = payment.amountMinor() - refunds.refundedOrPending(payment.id());
        if (left <= 0) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        refunds.insertPending(id, refundKey, payment.id(), payment.subscriptionId(), payment.period(), left,
                payment.currency(), reason, businessTime);
        return refunds.findById(id);
    }

    /** Stores the provider's answer; a refund that succeeded takes back its share of the points, in the same write. */
    @Transactional
    public Refund settle(Refund pending, GatewayResult result) {
        refunds.settle(pending.id(), result.approved() ? RefundStatus.SUCCEEDED.name() : RefundStatus.FAILED.name(),
                result.declineCode(), result.reference());
        Refund settled = refunds.findById(pending.id()).orElseThrow();
        refunded(settled);
        return settled;
    }

    /**
     * payment.refunded once per refund that succeeded (a payment refunded in parts has one per part), and the member
     * points the refunded money earned taken back, in the refund's transaction.
     */
    private void refunded(Refund refund) {
        if (refund.status() == RefundStatus.SUCCEEDED) {
            Payment payment = payments.findById(refund.paymentId()).orElseThrow();
            events.record(EventType.PAYMENT_REFUNDED, payment.id().toString(), "refund:" + refund.id(),
                    refund.businessTime(), EventObjects.refundedPayment(payment, refund));
            points.clawBackForRefund(refund.id(), refund.businessTime());
        }
    }

    /** The reason stored on refunds the provider made that Perennial did not ask for (its dashboard, say). */
    public static final String MADE_AT_PROVIDER = "made_at_provider";

    /**
     * Records what the provider says it has refunded of a payment beyond what our ledger has (succeeded or on its
     * way back): a SUCCEEDED refund of the difference, under {@code {chargeKey}:provider-refund:{refundedMinor}}, so
     * the same total reported twice records it once. Nothing is sent to the provider. Empty when nothing is missing.
     */
    @Transactional
    public Optional<Refund> recordMadeAtProvider(Payment payment, long refundedAtProvider, String reference,
                                                 Instant businessTime) {
        payments.lock(payment.id()).orElseThrow();
        String refundKey = payment.idempotencyKey() + ":provider-refund:" + refundedAtProvider;
        if (refunds.findByRefundKey(refundKey).isPresent()) {
            return Optional.empty();
        }
        long missing = Math.min(refundedAtProvider, payment.amountMinor()) - refunds.refundedOrPending(payment.id());
        if (missing <= 0) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        refunds.insertPending(id, refundKey, payment.id(), payment.subscriptionId(), payment.period(), missing,
                payment.currency(), MADE_AT_PROVIDER, businessTime);
        refunds.settle(id, RefundStatus.SUCCEEDED.name(), null, reference);
        refunds.findById(id).ifPresent(this::refunded);
        return refunds.findById(id);
    }
}

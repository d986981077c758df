package io.perennial.providerevent;

import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.RedirectPayments;
import io.perennial.order.OrderStatus;
import io.perennial.payment.BillingMetrics;
import io.perennial.payment.ChargesInDoubt;
import io.perennial.payment.GatewayResult;
import io.perennial.payment.GatewayUnavailableException;
import io.perennial.payment.OrderPaymentRecord;
import io.perennial.payment.OrderPaymentRepository;
import io.perennial.payment.OrderRefundRecord;
import io.perennial.payment.OrdersInDoubt;
import io.perennial.payment.Payment;
import io.perennial.payment.PaymentRepository;
import io.perennial.payment.PaymentStatus;
import io.perennial.payment.Refund;
import io.perennial.payment.RefundBook;
import io.perennial.reconciliation.SettledCharges;
import io.perennial.reconciliation.SettledOrderCharges;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.UUID;

/**
 * Provider webhook events applied to our ledger. A payment still PENDING is settled exactly as the reconciliation
 * sweep settles it ({@link ChargesInDoubt}, {@link SettledCharges}); the event is the provider's answer, so nothing
 * is asked again. Every effect is keyed by the provider's own ids, so an event applied twice does nothing more.
 */
@Singleton
public class ProviderEventActivitiesImpl implements ProviderEventActivities {

    private static final Logger log = LoggerFactory.getLogger(ProviderEventActivitiesImpl.class);
    /** The audit actor of what the provider told us. */
    static final String ACTOR = "payment-provider";

    private final PaymentRepository payments;
    private final ChargesInDoubt chargesInDoubt;
    private final SettledCharges settledCharges;
    private final RefundBook refunds;
    private final PaymentDisputeRepository disputes;
    private final AuditLog audit;
    private final BillingMetrics metrics;
    private final RedirectPayments redirectPayments;
    private final OrderPaymentRepository orderPayments;
    private final OrdersInDoubt ordersInDoubt;
    private final SettledOrderCharges settledOrderCharges;

    public ProviderEventActivitiesImpl(PaymentRepository payments, ChargesInDoubt chargesInDoubt,
                                       SettledCharges settledCharges, RefundBook refunds,
                                       PaymentDisputeRepository disputes, AuditLog audit, BillingMetrics metrics,
                                       RedirectPayments redirectPayments, OrderPaymentRepository orderPayments,
                                       OrdersInDoubt ordersInDoubt, SettledOrderCharges settledOrderCharges) {
        this.orderPayments = orderPayments;
        this.ordersInDoubt = ordersInDoubt;
        this.settledOrderCharges = settledOrderCharges;
        this.payments = payments;
        this.chargesInDoubt = chargesInDoubt;
        this.settledCharges = settledCharges;
        this.refunds = refunds;
        this.disputes = disputes;
        this.audit = audit;
        this.metrics = metrics;
        this.redirectPayments = redirectPayments;
    }

    @Override
    public ProviderEventOutcome settlePayment(ProviderEvent event) {
        // A sent invoice paid by a redirect method: the event is the provider's asynchronous confirmation.
        Optional<String> redirect = redirectPayments.confirm(event.paymentKey(), event.providerPayment(),
                event.kind() == ProviderEventKind.PAYMENT_SUCCEEDED, event.declineCode(), event.receivedAt());
        if (redirect.isPresent()) {
            log.info("Provider event {}: redirect payment {} {}", event.eventId(), event.paymentKey(), redirect.get());
            return new ProviderEventOutcome(event.eventId(), "REDIRECT_" + redirect.get(),
                    event.paymentKey() != null ? event.paymentKey() : event.providerPayment());
        }
        Optional<Payment> found = paymentOf(event);
        if (found.isEmpty()) {
            return orderAnswered(event).or(() -> orderSettled(event)).orElseGet(() -> unknownPayment(event));
        }
        Payment pending = found.get();
        if (pending.status() == PaymentStatus.REQUIRES_ACTION && pending.subscriptionId() != null) {
            // The customer answered the authentication at the provider: the subscription settles the charge itself,
            // under its key, so the ledger is not written here (the event's outcome is not trusted for money).
            boolean told = settledCharges.customerAnswered(pending);
            log.info("Provider event {}: the customer answered {}{}", event.eventId(), pending.idempotencyKey(),
                    told ? "; the subscription is told" : "; its subscription has ended");
            return new ProviderEventOutcome(event.eventId(), told ? "CUSTOMER_ANSWERED" : "SUBSCRIPTION_ENDED",
                    pending.idempotencyKey());
        }
        if (pending.status() != PaymentStatus.PENDING) {
            return new ProviderEventOutcome(event.eventId(), "ALREADY_SETTLED",
                    pending.idempotencyKey() + " is " + pending.status());
        }
        InvoiceStatus invoiceStatus = settledCharges.invoiceStatus(pending);
        String reference = event.providerPayment() != null ? event.providerPayment() : event.eventId();
        GatewayResult answer = event.kind() == ProviderEventKind.PAYMENT_SUCCEEDED
                ? GatewayResult.approved(reference)
                : GatewayResult.declined(reference, event.declineCode() == null ? "card_declined" : event.declineCode(),
                        "declined (provider event " + event.eventId() + ")");
        Payment answered = chargesInDoubt.settle(pending, answer);
        String detail = pending.idempotencyKey() + " " + answered.status();
        switch (SettledCharges.next(answered, invoiceStatus)) {
            case GIVE_BACK -> {
                Optional<Refund> given = chargesInDoubt.giveBack(answered, event.receivedAt());
                detail += given.map(refund -> ", refund " + refund.status()).orElse("");
            }
            case WAKE_HELD_RENEWAL -> detail += settledCharges.wake(answered.subscriptionId()) ? ", renewal woken" : "";
            case NOTHING -> {
            }
        }
        log.info("Provider event {} settled {}", event.eventId(), detail);
        return new ProviderEventOutcome(event.eventId(), "SETTLED", detail);
    }

    @Override
    public ProviderEventOutcome recordRefunds(ProviderEvent event) {
        Optional<Payment> found = paymentOf(event);
        if (found.isEmpty()) {
            return orderPaymentOf(event).map(charge -> recordOrderRefunds(event, charge))
                    .orElseGet(() -> unknownPayment(event));
        }
        Payment payment = found.get();
        Optional<Refund> recorded = refunds.recordMadeAtProvider(payment, event.amountMinor(), event.eventId(),
                event.receivedAt());
        if (recorded.isEmpty()) {
            return new ProviderEventOutcome(event.eventId(), "REFUNDS_MATCH",
                    payment.idempotencyKey() + ": " + event.amountMinor() + " refunded, all in our ledger");
        }
        Refund refund = recorded.get();
        metrics.refundedAtProvider(refund.currency(), refund.amountMinor());
        audit.save(AuditEntry.of(ACTOR, "refund.recorded", "subscription:" + payment.subscriptionId(),
                "refund of " + refund.amountMinor() + " " + refund.currency() + " made at the provider (event "
                        + event.eventId() + ")", "recorded"));
        log.warn("A refund of {} {} of {} was made at the provider, outside Perennial; recorded", refund.amountMinor(),
                refund.currency(), payment.idempotencyKey());
        return new ProviderEventOutcome(event.eventId(), "REFUND_RECORDED",
                payment.idempotencyKey() + ": " + refund.amountMinor() + " " + refund.currency());
    }

    /** A dispute of an order's charge: recorded once, audited on the order and counted, like a subscription's. */
    private ProviderEventOutcome recordOrderDispute(ProviderEvent event, OrderPaymentRecord charge) {
        String currency = event.currency() == null ? charge.currency() : event.currency();
        long amount = event.amountMinor() > 0 ? event.amountMinor() : charge.amountMinor();
        int inserted = disputes.insertOrderDisputeOnce(UUID.randomUUID(), event.disputeId(), charge.id(),
                charge.orderId(), amount, currency, event.reason(), event.eventId(), event.receivedAt());
        if (inserted == 0) {
            return new ProviderEventOutcome(event.eventId(), "DISPUTE_KNOWN", event.disputeId());
        }
        metrics.disputed(currency, amount);
        audit.save(AuditEntry.of(ACTOR, "payment.disputed", "order:" + charge.orderId(), "dispute "
                + event.disputeId() + " of " + amount + " " + currency + " (" + event.reason() + ") on "
                + charge.idempotencyKey(), "opened"));
        log.warn("DISPUTE {} opened on order charge {}: {} {} ({}); answer it at the provider before its deadline",
                event.disputeId(), charge.idempotencyKey(), amount, currency, event.reason());
        return new ProviderEventOutcome(event.eventId(), "DISPUTE_RECORDED",
                event.disputeId() + " on " + charge.idempotencyKey());
    }

    /** An order's charge refunded at the provider beyond our ledger: recorded on the order's refunds, audited. */
    private ProviderEventOutcome recordOrderRefunds(ProviderEvent event, OrderPaymentRecord charge) {
        if (charge.status() != PaymentStatus.SUCCEEDED) {
            log.warn("Provider event {}: a refund of order charge {}, which our ledger holds as {}; not recorded",
                    event.eventId(), charge.idempotencyKey(), charge.status());
            return new ProviderEventOutcome(event.eventId(), "ORDER_CHARGE_NOT_TAKEN",
                    charge.idempotencyKey() + " is " + charge.status());
        }
        Optional<OrderRefundRecord> recorded = ordersInDoubt.recordMadeAtProvider(charge, event.amountMinor(),
                event.eventId(), event.receivedAt());
        if (recorded.isEmpty()) {
            return new ProviderEventOutcome(event.eventId(), "REFUNDS_MATCH",
                    charge.idempotencyKey() + ": " + event.amountMinor() + " refunded, all in our ledger");
        }
        OrderRefundRecord refund = recorded.get();
        audit.save(AuditEntry.of(ACTOR, "refund.recorded", "order:" + charge.orderId(),
                "refund of " + refund.amountMinor() + " " + refund.currency() + " made at the provider (event "
                        + event.eventId() + ")", "recorded"));
        log.warn("A refund of {} {} of order charge {} was made at the provider, outside Perennial; recorded",
                refund.amountMinor(), refund.currency(), charge.idempotencyKey());
        return new ProviderEventOutcome(event.eventId(), "REFUND_RECORDED",
                charge.idempotencyKey() + ": " + refund.amountMinor() + " " + refund.currency());
    }

    /** An order's charge, by our key in the provider's metadata, else by the provider's id of the charge. */
    private Optional<OrderPaymentRecord> orderPaymentOf(ProviderEvent event) {
        Optional<OrderPaymentRecord> byKey = event.paymentKey() == null ? Optional.empty()
                : orderPayments.findByIdempotencyKey(event.paymentKey());
        return byKey.isPresent() || event.providerPayment() == null ? byKey
                : orderPayments.findByGatewayReference(event.providerPayment());
    }

    @Override
    public ProviderEventOutcome recordDispute(ProviderEvent event) {
        Optional<Payment> found = paymentOf(event);
        if (found.isEmpty()) {
            return orderPaymentOf(event).map(charge -> recordOrderDispute(event, charge))
                    .orElseGet(() -> unknownPayment(event));
        }
        Payment payment = found.get();
        String currency = event.currency() == null ? payment.currency() : event.currency();
        long amount = event.amountMinor() > 0 ? event.amountMinor() : payment.amountMinor();
        int inserted = disputes.insertOnce(UUID.randomUUID(), event.disputeId(), payment.id(), payment.invoiceId(),
                payment.subscriptionId(), amount, currency, event.reason(), event.eventId(), event.receivedAt());
        if (inserted == 0) {
            return new ProviderEventOutcome(event.eventId(), "DISPUTE_KNOWN", event.disputeId());
        }
        metrics.disputed(currency, amount);
        String target = payment.invoiceId() != null ? "invoice:" + payment.invoiceId()
                : "subscription:" + payment.subscriptionId();
        audit.save(AuditEntry.of(ACTOR, "payment.disputed", target, "dispute " + event.disputeId() + " of "
                + amount + " " + currency + " (" + event.reason() + ") on " + payment.idempotencyKey(), "opened"));
        log.warn("DISPUTE {} opened on {}: {} {} ({}); answer it at the provider before its deadline",
                event.disputeId(), payment.idempotencyKey(), amount, currency, event.reason());
        return new ProviderEventOutcome(event.eventId(), "DISPUTE_RECORDED",
                event.disputeId() + " on " + payment.idempotencyKey());
    }

    @Override
    public ProviderEventOutcome closeDispute(ProviderEvent event) {
        String status = switch (String.valueOf(event.reason())) {
            case "won", "warning_closed" -> "WON";
            case "lost" -> "LOST";
            default -> null;
        };
        if (status == null) {
            return new ProviderEventOutcome(event.eventId(), "DISPUTE_NOT_DECIDED",
                    event.disputeId() + " is " + event.reason());
        }
        if (disputes.findByDisputeId(event.disputeId()).isEmpty()) {
            // Its opening was never told (lost, or from before webhooks): recorded now, so the decision has its row.
            ProviderEventOutcome opened = recordDispute(new ProviderEvent(event.eventId(), ProviderEventKind.DISPUTE_CREATED,
                    event.paymentKey(), event.providerPayment(), null, event.amountMinor(), event.currency(),
                    event.disputeId(), null, event.receivedAt()));
            if ("UNKNOWN_PAYMENT".equals(opened.effect())) {
                return opened;
            }
        }
        if (disputes.closeOnce(event.disputeId(), status, event.receivedAt(), event.eventId()) == 0) {
            return new ProviderEventOutcome(event.eventId(), "DISPUTE_ALREADY_CLOSED", event.disputeId());
        }
        PaymentDispute dispute = disputes.findByDisputeId(event.disputeId()).orElseThrow();
        if ("WON".equals(status)) {
            metrics.disputeWon(dispute.currency(), dispute.amountMinor());
        }
        audit.save(AuditEntry.of(ACTOR, "payment.dispute-closed", dispute.target(), "dispute " + event.disputeId() + " of "
                + dispute.amountMinor() + " " + dispute.currency() + " " + event.reason(), status.toLowerCase()));
        log.info("Dispute {} closed: {} ({} {})", event.disputeId(), status, dispute.amountMinor(), dispute.currency());
        return new ProviderEventOutcome(event.eventId(), "DISPUTE_" + status, event.disputeId());
    }

    /**
     * Only logged: the subscription already waits for the customer (its charge is REQUIRES_ACTION); the answer comes
     * as {@code payment_intent.succeeded} or {@code payment_failed} ({@link #settlePayment}).
     */
    @Override
    public ProviderEventOutcome customerActionRequired(ProviderEvent event) {
        String payment = paymentOf(event).map(Payment::idempotencyKey).orElse(event.providerPayment());
        log.info("Provider event {}: payment {} requires the customer's action",
                event.eventId(), payment);
        return new ProviderEventOutcome(event.eventId(), "CUSTOMER_ACTION_LOGGED", String.valueOf(payment));
    }

    /** By our key in the provider's metadata, else by the provider's id of the charge. */
    private Optional<Payment> paymentOf(ProviderEvent event) {
        Optional<Payment> byKey = event.paymentKey() == null ? Optional.empty()
                : payments.findByIdempotencyKey(event.paymentKey());
        return byKey.isPresent() || event.providerPayment() == null ? byKey
                : payments.findByGatewayReference(event.providerPayment());
    }

    /**
     * An order's charge waiting for the customer: as for a subscription's, the order settles it itself under its key
     * once told. Empty when the event is not about such a charge.
     */
    private Optional<ProviderEventOutcome> orderAnswered(ProviderEvent event) {
        Optional<OrderPaymentRecord> waiting = event.paymentKey() == null ? Optional.empty()
                : orderPayments.findByIdempotencyKey(event.paymentKey())
                        .filter(payment -> payment.status() == PaymentStatus.REQUIRES_ACTION);
        return waiting.map(payment -> {
            boolean told = settledCharges.customerAnswered(payment);
            log.info("Provider event {}: the customer answered {}{}", event.eventId(), payment.idempotencyKey(),
                    told ? "; the order is told" : "; its order has ended");
            return new ProviderEventOutcome(event.eventId(), told ? "CUSTOMER_ANSWERED" : "ORDER_ENDED",
                    payment.idempotencyKey());
        });
    }

    /**
     * An order's charge not waiting for the customer: one still PENDING is settled with the event's answer, as the
     * sweep settles it (the order still running collects it on its charge's next try). Money the provider took under
     * a charge we hold as DECLINED or ABANDONED (the customer approved after the order stopped waiting for it) is
     * recorded, then given back: that order's charge step is over. Money for an order that ended without going
     * through is given back too ({@link SettledOrderCharges}); a refund the provider cannot take now is left to the
     * sweep (or the order's refund step), under the same key. Empty when the event names no order charge.
     */
    private Optional<ProviderEventOutcome> orderSettled(ProviderEvent event) {
        return orderPaymentOf(event).map(payment -> settleOrder(event, payment));
    }

    private ProviderEventOutcome settleOrder(ProviderEvent event, OrderPaymentRecord payment) {
        boolean succeeded = event.kind() == ProviderEventKind.PAYMENT_SUCCEEDED;
        String reference = event.providerPayment() != null ? event.providerPayment() : event.eventId();
        OrderPaymentRecord settled;
        String outcome;
        String why;
        if (payment.status() == PaymentStatus.PENDING) {
            settled = ordersInDoubt.settle(payment, succeeded ? GatewayResult.approved(reference)
                    : GatewayResult.declined(reference, event.declineCode() == null ? "card_declined"
                            : event.declineCode(), "declined (provider event " + event.eventId() + ")"));
            outcome = "SETTLED";
            OrderStatus ended = settledOrderCharges.endedWithoutGoingThrough(settled);
            why = ended == null ? null : "ended " + ended;
        } else if (succeeded && (payment.status() == PaymentStatus.DECLINED
                || payment.status() == PaymentStatus.ABANDONED)) {
            settled = ordersInDoubt.recordLateApproval(payment, reference);
            outcome = "LATE_APPROVAL";
            why = "had stopped waiting for this charge (" + payment.status()
                    + (payment.declineCode() == null ? "" : " " + payment.declineCode()) + ")";
            log.warn("Provider event {}: {} took money after the order stopped waiting for it ({})", event.eventId(),
                    payment.idempotencyKey(), payment.status());
        } else {
            return new ProviderEventOutcome(event.eventId(), "ALREADY_SETTLED",
                    payment.idempotencyKey() + " is " + payment.status());
        }
        String detail = payment.idempotencyKey() + " " + settled.status();
        if (settled.status() == PaymentStatus.SUCCEEDED && why != null) {
            try {
                detail += settledOrderCharges.giveBack(settled, why, ACTOR, event.receivedAt())
                        .map(refund -> ", refund " + refund.refundKey() + " " + refund.status())
                        .orElse(", already refunded");
            } catch (GatewayUnavailableException e) {
                log.warn("Provider event {}: the refund of {} waits for the provider: {}", event.eventId(),
                        payment.idempotencyKey(), e.getMessage());
                detail += ", refund pending";
            }
        }
        log.info("Provider event {}: order charge {}", event.eventId(), detail);
        return new ProviderEventOutcome(event.eventId(), outcome, detail);
    }

    private static ProviderEventOutcome unknownPayment(ProviderEvent event) {
        log.warn("Provider event {} ({}) names no payment of ours (key {}, provider id {}); ignored", event.eventId(),
                event.kind(), event.paymentKey(), event.providerPayment());
        return new ProviderEventOutcome(event.eventId(), "UNKNOWN_PAYMENT",
                event.paymentKey() + " / " + event.providerPayment());
    }
}

package io.perennial.reconciliation;

import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.RedirectPaymentRecord;
import io.perennial.billing.RedirectPayments;
import io.perennial.order.OrderStatus;
import io.perennial.payment.ChargesInDoubt;
import io.perennial.payment.GatewayUnavailableException;
import io.perennial.payment.OrderPaymentRecord;
import io.perennial.payment.OrderPaymentRepository;
import io.perennial.payment.OrderRefundRecord;
import io.perennial.payment.OrdersInDoubt;
import io.perennial.payment.Payment;
import io.perennial.payment.PaymentRepository;
import io.perennial.payment.PaymentStatus;
import io.perennial.payment.Refund;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The reconciliation sweep: charges PENDING past the grace period are asked about at the provider by their key and
 * settled; a held renewal whose answer is now stored is signalled to collect with it; money taken for a voided
 * invoice is given back; a charge the provider never booked for an invoice nothing collects any more is abandoned.
 * Orders' charges the same way ({@link #settleOrder}): an answer found is stored, and the order still waiting for it
 * collects it on its charge's next try; money taken for an order that ended without going through (canceled,
 * failed, no stock) is given back under the order's own refund key and audited.
 * Everything is idempotent by the charge's key, so sweeping twice (or a retried activity) fixes nothing twice.
 */
@Singleton
public class ReconciliationActivitiesImpl implements ReconciliationActivities {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationActivitiesImpl.class);
    /** The audit actor of what the sweep does. */
    static final String ACTOR = "reconciliation";

    private final PaymentRepository payments;
    private final ChargesInDoubt chargesInDoubt;
    private final SettledCharges settledCharges;
    private final DriftReports reports;
    private final ReconciliationConfiguration configuration;
    private final RedirectPayments redirectPayments;
    private final OrderPaymentRepository orderPayments;
    private final OrdersInDoubt ordersInDoubt;
    private final SettledOrderCharges settledOrderCharges;

    public ReconciliationActivitiesImpl(PaymentRepository payments, ChargesInDoubt chargesInDoubt,
                                        SettledCharges settledCharges, DriftReports reports,
                                        ReconciliationConfiguration configuration,
                                        RedirectPayments redirectPayments, OrderPaymentRepository orderPayments,
                                        OrdersInDoubt ordersInDoubt, SettledOrderCharges settledOrderCharges) {
        this.orderPayments = orderPayments;
        this.ordersInDoubt = ordersInDoubt;
        this.settledOrderCharges = settledOrderCharges;
        this.redirectPayments = redirectPayments;
        this.payments = payments;
        this.chargesInDoubt = chargesInDoubt;
        this.settledCharges = settledCharges;
        this.reports = reports;
        this.configuration = configuration;
    }

    @Override
    public SweepReport sweep(SweepRun run) {
        Optional<ReconciliationRun> earlier = reports.find(run.runKey());
        if (earlier.isPresent()) {
            return report(earlier.get());
        }
        UUID runId = UUID.randomUUID();
        List<ReconciliationFinding> found = new ArrayList<>();
        Set<UUID> looked = new HashSet<>();
        Set<UUID> toWake = new LinkedHashSet<>();
        int settled = 0;
        for (Payment pending : payments.findPendingSince(run.businessTime().minus(configuration.grace()),
                configuration.pageSize())) {
            looked.add(pending.id());
            ReconciliationFinding finding = unlessProviderDown(found, pending.idempotencyKey(),
                    said -> finding(runId, pending, said, "NONE"),
                    () -> settle(runId, pending, run.businessTime(), toWake));
            found.add(finding);
            if (finding.providerSaid().equals("SUCCEEDED") || finding.providerSaid().equals("DECLINED")) {
                settled++;
            }
        }
        for (Payment taken : payments.findTakenForVoidInvoices(configuration.pageSize())) {
            if (looked.add(taken.id())) {
                found.add(unlessProviderDown(found, taken.idempotencyKey(),
                        said -> finding(runId, taken, said, "NONE"),
                        () -> giveBack(runId, taken, "SUCCEEDED", run.businessTime())));
            }
        }
        int ordersSettled = 0;
        for (OrderPaymentRecord pending : orderPayments.findPendingSince(
                run.businessTime().minus(configuration.grace()), configuration.pageSize())) {
            looked.add(pending.id());
            ReconciliationFinding finding = unlessProviderDown(found, pending.idempotencyKey(),
                    said -> orderFinding(runId, pending, said, "NONE"),
                    () -> settleOrder(runId, pending, run.businessTime()));
            found.add(finding);
            if (finding.providerSaid().equals("SUCCEEDED") || finding.providerSaid().equals("DECLINED")) {
                ordersSettled++;
            }
        }
        for (OrderPaymentRecord taken : orderPayments.findTakenForEndedOrders(configuration.pageSize())) {
            if (looked.add(taken.id())) {
                found.add(unlessProviderDown(found, taken.idempotencyKey(),
                        said -> orderFinding(runId, taken, said, "NONE"),
                        () -> giveBackOrder(runId, taken, "SUCCEEDED", endedStatus(taken), run.businessTime())));
            }
        }
        settled += ordersSettled;
        if (found.stream().noneMatch(finding -> finding.providerSaid().equals("UNREACHABLE"))) {
            settled += redirectsNeverConfirmed(runId, run.businessTime(), found);
        }
        int woken = (int) toWake.stream().filter(settledCharges::wake).count();
        ReconciliationRun stored = reports.record(new ReconciliationRun(runId, run.runKey(), run.trigger(),
                run.businessTime(), found.size(), settled,
                count(found, "REFUNDED"), count(found, "ABANDONED"), woken,
                count(found, "NONE") + count(found, "REFUND_PENDING") + count(found, "REFUND_REFUSED"), Instant.now(),
                orders(found).size(), ordersSettled, count(orders(found), "REFUNDED"),
                count(orders(found), "ABANDONED")), found);
        return report(stored);
    }

    /**
     * Alipay/WeChat Pay sessions whose confirmation never arrived, past the provider's expiry (its clock, the wall
     * clock) and the grace period: one the provider took money for pays its invoice now (or is refunded) and is a
     * finding; one it did not is closed as expired.
     */
    private int redirectsNeverConfirmed(UUID runId, Instant businessTime, List<ReconciliationFinding> found) {
        int settled = 0;
        try {
            for (RedirectPaymentRecord after : redirectPayments.reconcile(Instant.now(), configuration.grace(),
                    configuration.pageSize(), businessTime)) {
                if (after.paymentId() != null) {
                    found.add(finding(runId, payments.findById(after.paymentId()).orElseThrow(), "SUCCEEDED",
                            "SETTLED"));
                    settled++;
                }
            }
        } catch (RuntimeException e) {
            log.error("Reconciliation: could not settle redirect payments", e);
        }
        return settled;
    }

    /**
     * Looks at one charge, unless the provider was already unreachable in this run (each call could wait for the
     * provider's timeout; the next run asks again). A failure on our side for one charge does not stop the sweep.
     */
    private ReconciliationFinding unlessProviderDown(List<ReconciliationFinding> found, String key,
                                                     Function<String, ReconciliationFinding> leftAlone,
                                                     Supplier<ReconciliationFinding> look) {
        // A pending refund is one the provider did not answer: unreachable too.
        if (found.stream().anyMatch(earlier -> earlier.providerSaid().equals("UNREACHABLE")
                || earlier.fix().equals("REFUND_PENDING"))) {
            return leftAlone.apply("UNREACHABLE");
        }
        try {
            return look.get();
        } catch (RuntimeException e) {
            log.error("Reconciliation: could not settle {}", key, e);
            return leftAlone.apply("UNKNOWN");
        }
    }

    private ReconciliationFinding settle(UUID runId, Payment pending, Instant businessTime, Set<UUID> toWake) {
        InvoiceStatus invoiceStatus = settledCharges.invoiceStatus(pending);
        Payment answered;
        try {
            answered = chargesInDoubt.askProvider(pending);
        } catch (GatewayUnavailableException e) {
            log.warn("Reconciliation: provider not reachable about {}: {}", pending.idempotencyKey(), e.getMessage());
            return finding(runId, pending, "UNREACHABLE", "NONE");
        }
        if (answered.status() == PaymentStatus.PENDING) {
            boolean collectable = invoiceStatus == null || invoiceStatus == InvoiceStatus.OPEN;
            if (collectable) {
                // Its workflow tries again under the same key (a hold); nothing to settle yet.
                return finding(runId, pending, "NOT_BOOKED", "NONE");
            }
            chargesInDoubt.abandon(pending);
            return finding(runId, pending, "NOT_BOOKED", "ABANDONED");
        }
        String said = answered.status().name();
        switch (SettledCharges.next(answered, invoiceStatus)) {
            case GIVE_BACK -> {
                return giveBack(runId, answered, said, businessTime);
            }
            case WAKE_HELD_RENEWAL -> toWake.add(answered.subscriptionId());
            case NOTHING -> {
            }
        }
        return finding(runId, answered, said, "SETTLED");
    }

    private ReconciliationFinding giveBack(UUID runId, Payment taken, String said, Instant businessTime) {
        try {
            Optional<Refund> refund = chargesInDoubt.giveBack(taken, businessTime);
            String fix = refund.map(given -> switch (given.status()) {
                case SUCCEEDED -> "REFUNDED";
                case FAILED -> "REFUND_REFUSED";
                case PENDING -> "REFUND_PENDING";
            }).orElse("NONE");
            return finding(runId, taken, said, fix);
        } catch (GatewayUnavailableException e) {
            log.warn("Reconciliation: provider not reachable to refund {}: {}", taken.idempotencyKey(),
                    e.getMessage());
            return finding(runId, taken, said, "REFUND_PENDING");
        }
    }

    /**
     * An order's charge still PENDING past the grace period. The answer found is stored; an order still running
     * collects it on its charge's next try under the same key (its activity retries until the provider answers; the
     * order takes no signal for it), so it is never charged again. Money taken for an order that ended without going
     * through is given back; a charge never booked for such an order is abandoned.
     */
    private ReconciliationFinding settleOrder(UUID runId, OrderPaymentRecord pending, Instant businessTime) {
        // Read before the provider is asked: an order that has ended has no workflow left to take the answer.
        OrderStatus ended = endedStatus(pending);
        OrderPaymentRecord answered;
        try {
            answered = ordersInDoubt.askProvider(pending);
        } catch (GatewayUnavailableException e) {
            log.warn("Reconciliation: provider not reachable about {}: {}", pending.idempotencyKey(), e.getMessage());
            return orderFinding(runId, pending, "UNREACHABLE", "NONE");
        }
        if (answered.status() == PaymentStatus.PENDING) {
            if (ended == null) {
                return orderFinding(runId, pending, "NOT_BOOKED", "NONE");
            }
            ordersInDoubt.abandon(pending);
            return orderFinding(runId, pending, "NOT_BOOKED", "ABANDONED");
        }
        String said = answered.status().name();
        if (answered.status() == PaymentStatus.SUCCEEDED && ended != null) {
            return giveBackOrder(runId, answered, said, ended, businessTime);
        }
        return orderFinding(runId, answered, said, "SETTLED");
    }

    private OrderStatus endedStatus(OrderPaymentRecord payment) {
        return settledOrderCharges.endedWithoutGoingThrough(payment);
    }

    /** Gives back an ended order's charge under the order's own refund key (its refund step's), audited. */
    private ReconciliationFinding giveBackOrder(UUID runId, OrderPaymentRecord taken, String said,
                                                OrderStatus ended, Instant businessTime) {
        if (ended == null) {
            // No longer ended as the list said (cannot happen: an ended order stays so); left alone.
            return orderFinding(runId, taken, said, "NONE");
        }
        Optional<OrderRefundRecord> given;
        try {
            given = settledOrderCharges.giveBack(taken, "ended " + ended, ACTOR, businessTime);
        } catch (GatewayUnavailableException e) {
            log.warn("Reconciliation: provider not reachable to refund {}: {}", taken.idempotencyKey(),
                    e.getMessage());
            return orderFinding(runId, taken, said, "REFUND_PENDING");
        }
        if (given.isEmpty()) {
            // All of it was refunded at the provider already: nothing left to give back.
            return orderFinding(runId, taken, said, "NONE");
        }
        String fix = switch (given.get().status()) {
            case SUCCEEDED -> "REFUNDED";
            case FAILED -> "REFUND_REFUSED";
            case PENDING -> "REFUND_PENDING";
        };
        return orderFinding(runId, taken, said, fix);
    }

    private static ReconciliationFinding finding(UUID runId, Payment payment, String providerSaid, String fix) {
        return new ReconciliationFinding(UUID.randomUUID(), runId, payment.id(), payment.idempotencyKey(),
                payment.subscriptionId(), payment.amountMinor(), payment.currency(), providerSaid, fix,
                Instant.now(), ReconciliationFinding.SUBSCRIPTION, null);
    }

    private static ReconciliationFinding orderFinding(UUID runId, OrderPaymentRecord payment, String providerSaid,
                                                      String fix) {
        return new ReconciliationFinding(UUID.randomUUID(), runId, payment.id(), payment.idempotencyKey(), null,
                payment.amountMinor(), payment.currency(), providerSaid, fix, Instant.now(),
                ReconciliationFinding.ORDER, payment.orderId());
    }

    private static List<ReconciliationFinding> orders(List<ReconciliationFinding> found) {
        return found.stream().filter(finding -> finding.kind().equals(ReconciliationFinding.ORDER)).toList();
    }

    private static int count(List<ReconciliationFinding> found, String fix) {
        return (int) found.stream().filter(finding -> finding.fix().equals(fix)).count();
    }

    private static SweepReport report(ReconciliationRun run) {
        return new SweepReport(run.runKey(), run.examined(), run.settled(), run.refunded(), run.abandoned(),
                run.woken(), run.stillInDoubt());
    }
}

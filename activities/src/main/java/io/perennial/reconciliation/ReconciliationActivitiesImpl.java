package io.perennial.reconciliation;

import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.RedirectPaymentRecord;
import io.perennial.billing.RedirectPayments;
import io.perennial.payment.ChargesInDoubt;
import io.perennial.payment.GatewayUnavailableException;
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
import java.util.function.Supplier;

/**
 * The reconciliation sweep: charges PENDING past the grace period are asked about at the provider by their key and
 * settled; a held renewal whose answer is now stored is signalled to collect with it; money taken for a voided
 * invoice is given back; a charge the provider never booked for an invoice nothing collects any more is abandoned.
 * Everything is idempotent by the charge's key, so sweeping twice (or a retried activity) fixes nothing twice.
 */
@Singleton
public class ReconciliationActivitiesImpl implements ReconciliationActivities {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationActivitiesImpl.class);

    private final PaymentRepository payments;
    private final ChargesInDoubt chargesInDoubt;
    private final SettledCharges settledCharges;
    private final DriftReports reports;
    private final ReconciliationConfiguration configuration;
    private final RedirectPayments redirectPayments;

    public ReconciliationActivitiesImpl(PaymentRepository payments, ChargesInDoubt chargesInDoubt,
                                        SettledCharges settledCharges, DriftReports reports,
                                        ReconciliationConfiguration configuration,
                                        RedirectPayments redirectPayments) {
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
            ReconciliationFinding finding = unlessProviderDown(found, runId, pending,
                    () -> settle(runId, pending, run.businessTime(), toWake));
            found.add(finding);
            if (finding.providerSaid().equals("SUCCEEDED") || finding.providerSaid().equals("DECLINED")) {
                settled++;
            }
        }
        for (Payment taken : payments.findTakenForVoidInvoices(configuration.pageSize())) {
            if (looked.add(taken.id())) {
                found.add(unlessProviderDown(found, runId, taken,
                        () -> giveBack(runId, taken, "SUCCEEDED", run.businessTime())));
            }
        }
        if (found.stream().noneMatch(finding -> finding.providerSaid().equals("UNREACHABLE"))) {
            settled += redirectsNeverConfirmed(runId, run.businessTime(), found);
        }
        int woken = (int) toWake.stream().filter(settledCharges::wake).count();
        ReconciliationRun stored = reports.record(new ReconciliationRun(runId, run.runKey(), run.trigger(),
                run.businessTime(), found.size(), settled,
                count(found, "REFUNDED"), count(found, "ABANDONED"), woken,
                count(found, "NONE") + count(found, "REFUND_PENDING") + count(found, "REFUND_REFUSED"), Instant.now()),
                found);
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
    private ReconciliationFinding unlessProviderDown(List<ReconciliationFinding> found, UUID runId, Payment payment,
                                                     Supplier<ReconciliationFinding> look) {
        // A pending refund is one the provider did not answer: unreachable too.
        if (found.stream().anyMatch(earlier -> earlier.providerSaid().equals("UNREACHABLE")
                || earlier.fix().equals("REFUND_PENDING"))) {
            return finding(runId, payment, "UNREACHABLE", "NONE");
        }
        try {
            return look.get();
        } catch (RuntimeException e) {
            log.error("Reconciliation: could not settle {}", payment.idempotencyKey(), e);
            return finding(runId, payment, "UNKNOWN", "NONE");
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

    private static ReconciliationFinding finding(UUID runId, Payment payment, String providerSaid, String fix) {
        return new ReconciliationFinding(UUID.randomUUID(), runId, payment.id(), payment.idempotencyKey(),
                payment.subscriptionId(), payment.amountMinor(), payment.currency(), providerSaid, fix,
                Instant.now());
    }

    private static int count(List<ReconciliationFinding> found, String fix) {
        return (int) found.stream().filter(finding -> finding.fix().equals(fix)).count();
    }

    private static SweepReport report(ReconciliationRun run) {
        return new SweepReport(run.runKey(), run.examined(), run.settled(), run.refunded(), run.abandoned(),
                run.woken(), run.stillInDoubt());
    }
}

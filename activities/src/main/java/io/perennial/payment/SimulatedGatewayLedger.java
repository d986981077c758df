package io.perennial.payment;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.UUID;

/** The simulated provider's ledger: one row per idempotency key, whatever the number of calls. */
@Singleton
public class SimulatedGatewayLedger {

    private final SimulatedGatewayLedgerRepository ledger;

    public SimulatedGatewayLedger(SimulatedGatewayLedgerRepository ledger) {
        this.ledger = ledger;
    }

    /** Books the charge unless the key was seen before, and returns what the ledger holds for the key. */
    @Transactional
    public GatewayResult recordOnce(GatewayCharge charge, @Nullable String declineCode) {
        ledger.insertChargeOnce("ch_" + UUID.randomUUID().toString().replace("-", ""), charge.idempotencyKey(),
                charge.amountMinor(), charge.currency(), charge.paymentMethod(),
                declineCode == null ? "SUCCEEDED" : "DECLINED", declineCode);
        return findCharge(charge.idempotencyKey()).orElseThrow();
    }

    /** What the ledger holds for a charge key: the booked answer, or empty when no charge was booked under it. */
    @Transactional
    public Optional<GatewayResult> findCharge(String idempotencyKey) {
        return ledger.findCharge(idempotencyKey).map(entry -> entry.succeeded()
                ? GatewayResult.approved(entry.reference())
                : GatewayResult.declined(entry.reference(), entry.code(), SimulatedPaymentGateway.describe(entry.code())));
    }

    /** The customer's deadline passed: a charge still waiting can no longer be approved. */
    @Transactional
    public void closeAuthentication(String idempotencyKey) {
        ledger.answerAuthentication(idempotencyKey, "DECLINED", DeclineCodes.AUTHENTICATION_EXPIRED);
    }

    /** How many charges the provider booked for keys starting with {@code prefix}: what the bank statement shows. */
    @Transactional
    public int countCharges(String prefix) {
        return (int) ledger.countSucceededCharges(prefix + "%");
    }

    /**
     * Books the refund unless the key was seen before, and returns what the ledger holds for the key. Like a real
     * provider, it refuses to give back more than the charge took: the charge's row is locked while it checks.
     */
    @Transactional
    public GatewayResult recordRefundOnce(GatewayRefund refund) {
        GatewayResult earlier = findRefund(refund.idempotencyKey());
        if (earlier != null) {
            return earlier;
        }
        String failure = refusal(refund);
        ledger.insertRefundOnce("re_" + UUID.randomUUID().toString().replace("-", ""), refund.idempotencyKey(),
                refund.chargeReference(), refund.amountMinor(), refund.currency(),
                failure == null ? "SUCCEEDED" : "FAILED", failure);
        return findRefund(refund.idempotencyKey());
    }

    /** Why the provider refuses a refund, or null when it pays it out. */
    @Nullable
    private String refusal(GatewayRefund refund) {
        SimulatedChargeBalance charge = ledger.lockCharge(refund.chargeReference()).orElse(null);
        if (charge == null || !"SUCCEEDED".equals(charge.outcome())) {
            return "charge_not_found";
        }
        if (!charge.currency().equals(refund.currency())) {
            return "currency_mismatch";
        }
        long left = charge.amountMinor() - charge.refunded();
        return refund.amountMinor() > left ? "amount_too_large" : null;
    }

    @Nullable
    private GatewayResult findRefund(String idempotencyKey) {
        return ledger.findRefund(idempotencyKey)
                .map(entry -> entry.succeeded() ? GatewayResult.approved(entry.reference())
                        : GatewayResult.declined(entry.reference(), entry.code(),
                        "The refund was refused: " + entry.code() + "."))
                .orElse(null);
    }

    /** The refunds the provider paid out for keys starting with {@code prefix}: count and total. */
    @Transactional
    public RefundTotals refunds(String prefix) {
        return ledger.refundTotals(prefix + "%");
    }

    /** What a bank statement shows of refunds: how many, and how much in minor units. */
    @Introspected
    public record RefundTotals(int count, long amountMinor) {
    }
}

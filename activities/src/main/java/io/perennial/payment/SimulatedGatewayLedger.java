package io.perennial.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.UUID;

/** The simulated provider's ledger: one row per idempotency key, whatever the number of calls. */
@Singleton
public class SimulatedGatewayLedger {

    private final JdbcOperations jdbc;

    public SimulatedGatewayLedger(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Books the charge unless the key was seen before, and returns what the ledger holds for the key. */
    @Transactional
    public GatewayResult recordOnce(GatewayCharge charge, @Nullable String declineCode) {
        jdbc.prepareStatement("""
                INSERT INTO simulated_gateway_charges (reference, idempotency_key, amount_minor, currency,
                    payment_method, outcome, decline_code)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (idempotency_key) DO NOTHING
                """, statement -> {
            statement.setString(1, "ch_" + UUID.randomUUID().toString().replace("-", ""));
            statement.setString(2, charge.idempotencyKey());
            statement.setLong(3, charge.amountMinor());
            statement.setString(4, charge.currency());
            statement.setString(5, charge.paymentMethod());
            statement.setString(6, declineCode == null ? "SUCCEEDED" : "DECLINED");
            statement.setString(7, declineCode);
            return statement.executeUpdate();
        });
        return jdbc.prepareStatement(
                "SELECT reference, outcome, decline_code FROM simulated_gateway_charges WHERE idempotency_key = ?",
                statement -> {
                    statement.setString(1, charge.idempotencyKey());
                    try (ResultSet row = statement.executeQuery()) {
                        row.next();
                        String reference = row.getString("reference");
                        if ("SUCCEEDED".equals(row.getString("outcome"))) {
                            return GatewayResult.approved(reference);
                        }
                        String code = row.getString("decline_code");
                        return GatewayResult.declined(reference, code, SimulatedPaymentGateway.describe(code));
                    }
                });
    }

    /** How many charges the provider booked for keys starting with {@code prefix}: what the bank statement shows. */
    @Transactional
    public int countCharges(String prefix) {
        return jdbc.prepareStatement(
                "SELECT count(*) FROM simulated_gateway_charges WHERE idempotency_key LIKE ? AND outcome = 'SUCCEEDED'",
                statement -> {
                    statement.setString(1, prefix + "%");
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getInt(1);
                    }
                });
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
        jdbc.prepareStatement("""
                INSERT INTO simulated_gateway_refunds (reference, idempotency_key, charge_reference, amount_minor,
                    currency, outcome, failure_code)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (idempotency_key) DO NOTHING
                """, statement -> {
            statement.setString(1, "re_" + UUID.randomUUID().toString().replace("-", ""));
            statement.setString(2, refund.idempotencyKey());
            statement.setString(3, refund.chargeReference());
            statement.setLong(4, refund.amountMinor());
            statement.setString(5, refund.currency());
            statement.setString(6, failure == null ? "SUCCEEDED" : "FAILED");
            statement.setString(7, failure);
            return statement.executeUpdate();
        });
        return findRefund(refund.idempotencyKey());
    }

    /** Why the provider refuses a refund, or null when it pays it out. */
    @Nullable
    private String refusal(GatewayRefund refund) {
        return jdbc.prepareStatement("""
                SELECT c.amount_minor, c.currency, c.outcome,
                    (SELECT COALESCE(SUM(r.amount_minor), 0) FROM simulated_gateway_refunds r
                     WHERE r.charge_reference = c.reference AND r.outcome = 'SUCCEEDED') AS refunded
                FROM simulated_gateway_charges c WHERE c.reference = ? FOR UPDATE OF c
                """, statement -> {
            statement.setString(1, refund.chargeReference());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next() || !"SUCCEEDED".equals(row.getString("outcome"))) {
                    return "charge_not_found";
                }
                if (!row.getString("currency").equals(refund.currency())) {
                    return "currency_mismatch";
                }
                long left = row.getLong("amount_minor") - row.getLong("refunded");
                return refund.amountMinor() > left ? "amount_too_large" : null;
            }
        });
    }

    @Nullable
    private GatewayResult findRefund(String idempotencyKey) {
        return jdbc.prepareStatement(
                "SELECT reference, outcome, failure_code FROM simulated_gateway_refunds WHERE idempotency_key = ?",
                statement -> {
                    statement.setString(1, idempotencyKey);
                    try (ResultSet row = statement.executeQuery()) {
                        if (!row.next()) {
                            return null;
                        }
                        String reference = row.getString("reference");
                        if ("SUCCEEDED".equals(row.getString("outcome"))) {
                            return GatewayResult.approved(reference);
                        }
                        String code = row.getString("failure_code");
                        return GatewayResult.declined(reference, code, "The refund was refused: " + code + ".");
                    }
                });
    }

    /** The refunds the provider paid out for keys starting with {@code prefix}: count and total. */
    @Transactional
    public RefundTotals refunds(String prefix) {
        return jdbc.prepareStatement("""
                SELECT count(*), COALESCE(SUM(amount_minor), 0) FROM simulated_gateway_refunds
                WHERE idempotency_key LIKE ? AND outcome = 'SUCCEEDED'
                """, statement -> {
            statement.setString(1, prefix + "%");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new RefundTotals(rows.getInt(1), rows.getLong(2));
            }
        });
    }

    /** What a bank statement shows of refunds: how many, and how much in minor units. */
    public record RefundTotals(int count, long amountMinor) {
    }
}

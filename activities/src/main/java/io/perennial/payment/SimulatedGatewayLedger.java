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
}

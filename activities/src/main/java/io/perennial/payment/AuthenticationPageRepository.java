package io.perennial.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/**
 * The simulated provider's authentication page, where a customer approves or fails a charge the issuer asked them to
 * authenticate: it writes the simulated provider's ledger ({@code simulated_gateway_charges}) as the customer's
 * browser would write Stripe's. A PostgreSQL row the API changes, like the outage switch ({@link GatewayOutage}); the
 * API never calls the gateway itself, and the workflow reads the outcome through the gateway under the charge's key.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuthenticationPageRepository extends GenericRepository<SimulatedLedgerEntry, String> {

    /**
     * The customer's answer to the charge waiting under {@code idempotencyKey} ({@code authentication_required}):
     * {@code SUCCEEDED}, or {@code DECLINED} with {@code authentication_failed}. A charge that is not waiting
     * (answered, closed at its deadline, never booked) is left as it is. Returns the rows changed (0 or 1).
     */
    @Query("""
            UPDATE simulated_gateway_charges SET outcome = :outcome, decline_code = :code
            WHERE idempotency_key = :idempotencyKey AND outcome = 'DECLINED' AND decline_code = 'authentication_required'
            """)
    int answer(String idempotencyKey, String outcome, @Nullable String code);

    default boolean answer(String idempotencyKey, boolean approved) {
        return answer(idempotencyKey, approved ? "SUCCEEDED" : "DECLINED",
                approved ? null : DeclineCodes.AUTHENTICATION_FAILED) == 1;
    }
}

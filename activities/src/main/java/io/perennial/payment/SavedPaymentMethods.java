package io.perennial.payment;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SavedPaymentMethods extends CrudRepository<SavedPaymentMethod, String> {

    /** The customer's method with that id, unless removed; another customer's id finds nothing. */
    @Query("""
            SELECT * FROM payment_methods WHERE id = :id AND customer_id = :customerId AND removed_at IS NULL
            """)
    Optional<SavedPaymentMethod> findLive(String id, UUID customerId);

    /** The customer's live methods, the default first, then the newest first. */
    @Query("""
            SELECT * FROM payment_methods WHERE customer_id = :customerId AND removed_at IS NULL
            ORDER BY default_since DESC NULLS LAST, created_at DESC, id LIMIT 100
            """)
    List<SavedPaymentMethod> findLiveOf(UUID customerId);

    /** Makes the customer's live method their default; 0 when there is no such method (or it is another's). */
    @Query("""
            UPDATE payment_methods SET default_since = :at
            WHERE id = :id AND customer_id = :customerId AND removed_at IS NULL
            """)
    int makeDefault(String id, UUID customerId, Instant at);

    @Query("""
            UPDATE payment_methods SET removed_at = :at
            WHERE id = :id AND customer_id = :customerId AND removed_at IS NULL
            """)
    int remove(String id, UUID customerId, Instant at);
}

package io.perennial.tax;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TaxSubjectRepository extends GenericRepository<TaxRate, UUID> {

    /**
     * The customer and the plan of the subscription (read model); a subscription the read model does not know yet
     * bills as the defaults say (INCLUSIVE, standard): amounts unchanged.
     */
    @Query("""
            SELECT c.billing_country AS buyer_country, c.kind, c.tax_id, c.tax_id_status,
                   COALESCE(p.tax_behavior, 'INCLUSIVE') AS tax_behavior,
                   COALESCE(pr.tax_category, 'standard') AS tax_category
            FROM customers c
            LEFT JOIN subscriptions s ON s.id = :subscriptionId AND s.customer_id = c.id
            LEFT JOIN plans p ON p.id = s.plan_id
            LEFT JOIN products pr ON pr.id = p.product_id
            WHERE c.id = :customerId
            """)
    Optional<TaxSubject> find(UUID customerId, UUID subscriptionId);
}

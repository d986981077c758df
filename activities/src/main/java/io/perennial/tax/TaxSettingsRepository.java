package io.perennial.tax;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.UUID;

/** The tax columns of the catalogue: a plan's tax behaviour and a product's tax category. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TaxSettingsRepository extends GenericRepository<TaxRate, UUID> {

    @Query("UPDATE plans SET tax_behavior = :taxBehavior WHERE id = :planId")
    int setPlanTaxBehavior(String planId, String taxBehavior);

    @Query("UPDATE products SET tax_category = :taxCategory WHERE id = :productId")
    int setProductTaxCategory(String productId, String taxCategory);
}

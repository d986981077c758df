package io.perennial.tax;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TaxRateRepository extends CrudRepository<TaxRate, UUID> {

    @Query("SELECT * FROM tax_rates ORDER BY country, tax_category, valid_from")
    List<TaxRate> findAllInOrder();

    /** The rate valid at {@code at}; admins' rates never overlap, so there is at most one. */
    @Query("""
            SELECT * FROM tax_rates WHERE country = :country AND tax_category = :taxCategory
              AND valid_from <= :at AND (valid_to IS NULL OR valid_to > :at)
            ORDER BY valid_from DESC LIMIT 1
            """)
    Optional<TaxRate> findValidAt(String country, String taxCategory, Instant at);

    /** Rates of the country and category whose validity overlaps [from, to), other than {@code exceptId}. */
    @Query("""
            SELECT * FROM tax_rates WHERE country = :country AND tax_category = :taxCategory AND id <> :exceptId
              AND (valid_to IS NULL OR valid_to > :from) AND (CAST(:to AS timestamptz) IS NULL OR valid_from < :to)
            """)
    List<TaxRate> findOverlapping(String country, String taxCategory, Instant from, @Nullable Instant to,
                                  UUID exceptId);

    /** Serialises changes to one country and category's rates until the transaction ends (no overlap slips in). */
    @Query("SELECT pg_advisory_xact_lock(hashtext('tax_rates:' || :country || ':' || :taxCategory)) IS NOT NULL")
    boolean lockRates(String country, String taxCategory);

    @Query("""
            INSERT INTO tax_rates (id, country, tax_category, name, rate_percent, valid_from, valid_to)
            VALUES (:id, :country, :taxCategory, :name, :ratePercent, :validFrom, :validTo)
            """)
    void insertRate(UUID id, String country, String taxCategory, String name, java.math.BigDecimal ratePercent,
                    Instant validFrom, @Nullable Instant validTo);

    @Query("""
            UPDATE tax_rates SET name = :name, rate_percent = :ratePercent, valid_from = :validFrom,
              valid_to = :validTo WHERE id = :id
            """)
    int updateRate(UUID id, String name, java.math.BigDecimal ratePercent, Instant validFrom,
                   @Nullable Instant validTo);
}

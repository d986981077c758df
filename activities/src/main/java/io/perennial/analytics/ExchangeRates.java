package io.perennial.analytics;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Admins' exchange rates: one unit of the reporting currency is worth {@code rate} units of {@code currency} on
 * {@code rateDate} (the ECB's convention, so its reference rates import as they are when reporting in EUR).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ExchangeRates extends GenericRepository<ExchangeRates.Rate, String> {

    @Introspected
    record Rate(String currency, LocalDate rateDate, BigDecimal rate, String source) {
    }

    /** Sets the rate of a day; setting it again replaces it. */
    @Query("""
            INSERT INTO exchange_rates (currency, rate_date, rate, source) VALUES (:currency, :rateDate, :rate, :source)
            ON CONFLICT (currency, rate_date) DO UPDATE SET rate = EXCLUDED.rate, source = EXCLUDED.source,
                updated_at = now()
            """)
    void put(String currency, LocalDate rateDate, BigDecimal rate, String source);

    /** The latest rate on or before {@code day}. */
    @Query("""
            SELECT currency, rate_date, rate, source FROM exchange_rates
            WHERE currency = :currency AND rate_date <= :day ORDER BY rate_date DESC LIMIT 1
            """)
    Optional<Rate> on(String currency, LocalDate day);

    @Query("""
            SELECT currency, rate_date, rate, source FROM exchange_rates
            WHERE rate_date BETWEEN :from AND :to ORDER BY rate_date, currency
            """)
    List<Rate> between(LocalDate from, LocalDate to);
}

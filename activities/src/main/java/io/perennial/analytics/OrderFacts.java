package io.perennial.analytics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The order fact tables of the daily roll-up, replaced a day at a time like {@link AnalyticsFacts}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OrderFacts extends GenericRepository<OrderFact, LocalDate> {

    @Query("DELETE FROM analytics_orders_daily WHERE day = :day")
    void deleteOrders(LocalDate day);

    @Query("DELETE FROM analytics_sku_units WHERE day = :day")
    void deleteUnits(LocalDate day);

    @Query("""
            INSERT INTO analytics_orders_daily (day, currency, orders_paid, revenue_minor, refunds, refunded_minor,
                reporting_currency, rate, rate_date)
            VALUES (:day, :currency, :ordersPaid, :revenueMinor, :refunds, :refundedMinor, :reportingCurrency, :rate,
                :rateDate)
            """)
    void insertOrders(LocalDate day, String currency, int ordersPaid, long revenueMinor, int refunds,
                      long refundedMinor, String reportingCurrency, @Nullable BigDecimal rate,
                      @Nullable LocalDate rateDate);

    @Query("INSERT INTO analytics_sku_units (day, sku, kind, units) VALUES (:day, :sku, :kind, :units)")
    void insertUnits(LocalDate day, String sku, String kind, long units);

    @Query("""
            SELECT day, currency, orders_paid, revenue_minor, refunds, refunded_minor, reporting_currency, rate,
                rate_date
            FROM analytics_orders_daily WHERE day BETWEEN :from AND :to ORDER BY day, currency
            """)
    List<OrderFact> orders(LocalDate from, LocalDate to);

    @Query("""
            SELECT day, sku, kind, units FROM analytics_sku_units WHERE day BETWEEN :from AND :to
            ORDER BY day, sku, kind
            """)
    List<SkuUnitsFact> units(LocalDate from, LocalDate to);
}

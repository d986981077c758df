package io.perennial.analytics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The fact tables of the daily roll-up: a day's rows are replaced as a whole, never patched. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AnalyticsFacts extends GenericRepository<DailyFact, LocalDate> {

    @Query("DELETE FROM analytics_daily WHERE day = :day")
    void deleteDaily(LocalDate day);

    @Query("DELETE FROM analytics_cancellations WHERE day = :day")
    void deleteCancellations(LocalDate day);

    @Query("""
            INSERT INTO analytics_daily (day, currency, mrr_minor, paying_customers, active_subscribers, trialing,
                trials_ended, trial_conversions, new_minor, reactivated_minor, expansion_minor, contraction_minor,
                churned_minor, new_customers, reactivated_customers, churned_customers, failed_charges, failed_minor,
                recovered_invoices, recovered_minor, lost_invoices, reporting_currency, rate, rate_date)
            VALUES (:day, :currency, :mrrMinor, :payingCustomers, :activeSubscribers, :trialing, :trialsEnded,
                :trialConversions, :newMinor, :reactivatedMinor, :expansionMinor, :contractionMinor, :churnedMinor,
                :newCustomers, :reactivatedCustomers, :churnedCustomers, :failedCharges, :failedMinor,
                :recoveredInvoices, :recoveredMinor, :lostInvoices, :reportingCurrency, :rate, :rateDate)
            """)
    void insertDaily(LocalDate day, String currency, long mrrMinor, int payingCustomers, int activeSubscribers,
                     int trialing, int trialsEnded, int trialConversions, long newMinor, long reactivatedMinor,
                     long expansionMinor, long contractionMinor, long churnedMinor, int newCustomers,
                     int reactivatedCustomers, int churnedCustomers, int failedCharges, long failedMinor,
                     int recoveredInvoices, long recoveredMinor, int lostInvoices, String reportingCurrency,
                     @Nullable BigDecimal rate, @Nullable LocalDate rateDate);

    @Query("""
            INSERT INTO analytics_cancellations (day, reason, voluntary, subscriptions)
            VALUES (:day, :reason, :voluntary, :subscriptions)
            """)
    void insertCancellation(LocalDate day, String reason, boolean voluntary, int subscriptions);

    /** The daily rows of [from, to], by day then currency. */
    @Query("""
            SELECT day, currency, mrr_minor, paying_customers, active_subscribers, trialing, trials_ended,
                trial_conversions, new_minor, reactivated_minor, expansion_minor, contraction_minor, churned_minor,
                new_customers, reactivated_customers, churned_customers, failed_charges, failed_minor,
                recovered_invoices, recovered_minor, lost_invoices, reporting_currency, rate, rate_date
            FROM analytics_daily WHERE day BETWEEN :from AND :to ORDER BY day, currency
            """)
    List<DailyFact> daily(LocalDate from, LocalDate to);

    @Query("""
            SELECT day, reason, voluntary, subscriptions FROM analytics_cancellations
            WHERE day BETWEEN :from AND :to ORDER BY day, reason
            """)
    List<CancellationCount> cancellations(LocalDate from, LocalDate to);

    default void insert(DailyFact f) {
        insertDaily(f.day(), f.currency(), f.mrrMinor(), f.payingCustomers(), f.activeSubscribers(), f.trialing(),
                f.trialsEnded(), f.trialConversions(), f.newMinor(), f.reactivatedMinor(), f.expansionMinor(),
                f.contractionMinor(), f.churnedMinor(), f.newCustomers(), f.reactivatedCustomers(),
                f.churnedCustomers(), f.failedCharges(), f.failedMinor(), f.recoveredInvoices(), f.recoveredMinor(),
                f.lostInvoices(), f.reportingCurrency(), f.rate(), f.rateDate());
    }

    /** The last day the roll-up has written, if any: what a dashboard's figures are "as of". */
    @Query("SELECT day FROM analytics_daily ORDER BY day DESC LIMIT 1")
    Optional<LocalDate> latestDay();
}

package io.perennial.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.analytics.AnalyticsConfiguration;
import io.perennial.analytics.AnalyticsLedger;
import io.perennial.analytics.AnalyticsRollupActivitiesImpl;
import io.perennial.analytics.SubscriptionHistory;
import io.perennial.analytics.RollupDay;
import io.perennial.launcher.EmbeddedStack;
import io.perennial.launcher.PerennialLauncher;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The daily analytics roll-up over a ledger of {@code --subscriptions} subscribers with {@code --months} of history
 * (docs/benchmarks.md): the ledger is generated in PostgreSQL, then the roll-up's own activity
 * ({@code AnalyticsRollupActivitiesImpl.rollUpDay}, what the Schedule and an ops backfill run once per day) rolls up
 * {@code --days} days spread over the range, and the whole range is extrapolated from them.
 *
 * <p>The ledger, from 1 January 2026: subscribers start over the first 30 days, 4 in 5 on the monthly plan (14-day
 * trial, 12.99 EUR) and 1 in 5 on the yearly one (129.00 EUR, no trial). Every paid period has its invoice and
 * payment and a history row; 1 renewal in 10 is declined first and paid two days later (a PAST_DUE row, a declined
 * and a succeeded payment); 1 monthly subscriber in 33 cancels in the month given by its number.
 */
final class RollupScale {

    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-01-01");

    private RollupScale() {
    }

    static void run(String[] args) throws Exception {
        int subscriptions = 100_000;
        int months = 12;
        int days = 12;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--subscriptions" -> subscriptions = Integer.parseInt(args[i + 1]);
                case "--months" -> months = Integer.parseInt(args[i + 1]);
                case "--days" -> days = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.Options.fromEnvironment())) {
            ApplicationContext context = PerennialLauncher.start(stack, Map.of("micronaut.server.port", -1));
            try {
                measure(context, subscriptions, months, days);
            } finally {
                context.close();
            }
        }
    }

    /** What a run measured: the generated rows per table, each sampled day's roll-up, and MRR on the last day. */
    record Measured(Map<String, Long> rows, List<Double> dayMillis, long lastDayMrrMinor) {
    }

    static Measured measure(ApplicationContext context, int subscriptions, int months, int days)
            throws Exception {
        // The pool itself: the bean is Micronaut's connection-aware proxy, which wants a surrounding transaction.
        DataSource data = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
        long seedStart = System.nanoTime();
        Map<String, Long> rows = seed(data, subscriptions, months);
        System.out.printf("ledger: %d subscriptions x %d months in %.1f s: %s%n", subscriptions, months,
                seconds(seedStart), rows);

        AnalyticsRollupActivitiesImpl rollup = context.getBean(AnalyticsRollupActivitiesImpl.class);
        LocalDate last = FIRST_DAY.plusMonths(months).minusDays(1);
        long span = last.toEpochDay() - FIRST_DAY.toEpochDay() + 1;
        List<LocalDate> sample = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            sample.add(FIRST_DAY.plusDays((span - 1) * (i + 1) / days));
        }
        rollup.rollUpDay(new RollupDay(sample.get(0)));   // warm-up: the JIT and PostgreSQL's caches
        List<Double> millis = new ArrayList<>();
        for (LocalDate day : sample) {
            long start = System.nanoTime();
            rollup.rollUpDay(new RollupDay(day));
            millis.add((System.nanoTime() - start) / 1e6);
            System.out.printf("  %s: %.0f ms%n", day, millis.get(millis.size() - 1));
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        double mean = millis.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        System.out.printf("roll-up of one day: mean %.0f ms, median %.0f ms, max %.0f ms (%d days sampled)%n", mean,
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), millis.size());
        System.out.printf("the whole range (%d days, a backfill): about %.1f min; the Schedule's daily run "
                + "(yesterday and today): about %.1f s%n", span, mean * span / 60_000, 2 * mean / 1000);
        breakdown(context, last);
        long mrr = 0;
        try (Connection connection = data.getConnection();
             PreparedStatement check = connection.prepareStatement(
                     "SELECT mrr_minor FROM analytics_daily WHERE day = ? AND currency = 'EUR'")) {
            check.setObject(1, last);
            try (ResultSet result = check.executeQuery()) {
                if (result.next()) {
                    mrr = result.getLong(1);
                    System.out.printf("MRR on %s: %d EUR cents%n", last, mrr);
                }
            }
        }
        return new Measured(rows, millis, mrr);
    }

    /** Where one day's roll-up spends its time: each ledger read of {@code rollUpDay}, timed alone. */
    @SuppressWarnings("unchecked")
    private static void breakdown(ApplicationContext context, LocalDate day) {
        AnalyticsLedger ledger = context.getBean(AnalyticsLedger.class);
        SubscriptionHistory history = context.getBean(SubscriptionHistory.class);
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Supplier<Integer>> reads = new LinkedHashMap<>();
        reads.put("statesAt(start of day)", () -> ledger.statesAt(start).size());
        reads.put("statesChangedBetween", () -> ledger.statesChangedBetween(start, end).size());
        reads.put("payingBefore(start of day)", () -> ledger.payingBefore(start).size());
        reads.put("changesBetween", () -> history.changesBetween(start, end).size());
        reads.put("failedCharges", () -> ledger.failedCharges(start, end).size());
        reads.put("recoveredInvoices", () -> ledger.recoveredInvoices(start, end).size());
        reads.put("skuUnits", () -> ledger.skuUnits(start, end).size());
        System.out.printf("where the roll-up of %s spends its time:%n", day);
        reads.forEach((name, read) -> {
            long began = System.nanoTime();
            int rows = transactions.executeRead(status -> {
                ledger.useWorkMemory(context.getBean(AnalyticsConfiguration.class).rollupWorkMemory());
                return read.get();
            });
            System.out.printf("  %-28s %6.0f ms (%d rows)%n", name, (System.nanoTime() - began) / 1e6, rows);
        });
    }

    /** Generates the ledger in one transaction with set-based SQL; answers the rows per table. */
    private static Map<String, Long> seed(DataSource data, int subscriptions, int months) throws Exception {
        try (Connection connection = data.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            // Generating a year of 100,000 subscribers' ledger takes longer than the pool's 10 s socket timeout.
            connection.setNetworkTimeout(Runnable::run, (int) Duration.ofMinutes(30).toMillis());
            sql.execute("""
                    CREATE TEMP TABLE bench_periods ON COMMIT DROP AS
                    WITH subs AS (
                        SELECT s, md5('bench-sub-' || s)::uuid AS sid, md5('bench-cus-' || s)::uuid AS cid,
                               s % 5 = 0 AS yearly,
                               timestamptz '2026-01-01 00:00:00+00' + (s % 30) * interval '1 day'
                                   + (s % 86400) * interval '1 second' AS started
                        FROM generate_series(1, :subscriptions) AS s)
                    SELECT s, sid, cid, yearly, started, k AS period,
                           started + CASE WHEN yearly THEN interval '0 days' ELSE interval '14 days' END
                               + CASE WHEN yearly THEN (k - 1) * interval '1 year' ELSE (k - 1) * interval '1 month' END
                               AS paid_from,
                           (k > 1 AND (s + k) % 10 = 0) AS declined_first,
                           CASE WHEN yearly THEN 12900 ELSE 1299 END AS amount
                    FROM subs CROSS JOIN LATERAL generate_series(1, CASE WHEN yearly THEN 1 ELSE :months END) AS k
                    WHERE yearly OR s % 33 <> 0 OR k <= s % :months
                    """.replace(":subscriptions", Integer.toString(subscriptions))
                    .replace(":months", Integer.toString(months)));
            sql.execute("""
                    INSERT INTO invoices (id, invoice_key, number, subscription_id, customer_id, period, currency,
                        period_start, period_end, subtotal_minor, total_minor, status, issued_at, paid_at)
                    SELECT md5('bench-inv-' || s || '-' || period)::uuid, sid || ':' || period || ':renewal',
                           'BENCH-' || s || '-' || period, sid, cid, period, 'EUR', paid_from,
                           paid_from + CASE WHEN yearly THEN interval '1 year' ELSE interval '1 month' END,
                           amount, amount, 'PAID', paid_from,
                           paid_from + CASE WHEN declined_first THEN interval '2 days' ELSE interval '0 days' END
                    FROM bench_periods
                    """);
            sql.execute("""
                    INSERT INTO payments (id, idempotency_key, subscription_id, customer_id, period, purpose,
                        amount_minor, currency, status, decline_code, business_time, invoice_id)
                    SELECT md5('bench-pay-' || s || '-' || period || '-' || attempt)::uuid,
                           sid || ':' || period || ':renewal:' || attempt, sid, cid, period, 'renewal', amount, 'EUR',
                           CASE WHEN attempt = 1 AND declined_first THEN 'DECLINED' ELSE 'SUCCEEDED' END,
                           CASE WHEN attempt = 1 AND declined_first THEN 'insufficient_funds' END,
                           paid_from + (attempt - 1) * interval '2 days',
                           md5('bench-inv-' || s || '-' || period)::uuid
                    FROM bench_periods CROSS JOIN LATERAL generate_series(1, CASE WHEN declined_first THEN 2 ELSE 1 END)
                        AS attempt
                    """);
            // One history row per recorded state: a trial, each paid period, a past-due spell, a cancellation.
            sql.execute("""
                    INSERT INTO subscription_history (subscription_id, revision, customer_id, plan_id, plan_version,
                        status, amount_minor, currency, effective_at, cancel_reason)
                    SELECT sid, row_number() OVER (PARTITION BY sid ORDER BY at, ord), cid,
                           CASE WHEN yearly THEN 'plan_digital_yearly' ELSE 'plan_digital_monthly' END, 1, status,
                           amount, 'EUR', at, reason
                    FROM (
                        SELECT sid, cid, yearly, amount, 'TRIALING' AS status, started AS at, 0 AS ord,
                               NULL AS reason
                        FROM bench_periods WHERE period = 1 AND NOT yearly
                        UNION ALL
                        SELECT sid, cid, yearly, amount, 'PAST_DUE', paid_from, 1, NULL
                        FROM bench_periods WHERE declined_first
                        UNION ALL
                        SELECT sid, cid, yearly, amount, 'ACTIVE',
                               paid_from + CASE WHEN declined_first THEN interval '2 days' ELSE interval '0 days' END,
                               2, NULL
                        FROM bench_periods
                        UNION ALL
                        SELECT sid, cid, yearly, amount, 'CANCELED', max(paid_from) + interval '1 month', 3,
                               'too_expensive'
                        FROM bench_periods WHERE NOT yearly AND s % 33 = 0 GROUP BY sid, cid, yearly, amount
                    ) states
                    """);
            connection.commit();
            sql.execute("ANALYZE invoices; ANALYZE payments; ANALYZE subscription_history");
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            for (String table : List.of("subscription_history", "invoices", "payments")) {
                try (ResultSet result = sql.executeQuery("SELECT count(*) FROM " + table)) {
                    result.next();
                    counts.put(table, result.getLong(1));
                }
            }
            return counts;
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

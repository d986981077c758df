package io.perennial.api.console;

import io.micronaut.core.annotation.Nullable;
import io.perennial.api.analytics.AnalyticsReport;
import io.perennial.api.analytics.ReportingPeriod;
import io.perennial.api.analytics.RevenueReports;
import io.perennial.api.ops.FailedRenewals;
import io.perennial.api.portal.PortalFormat;
import io.perennial.inventory.Inventory;
import io.perennial.inventory.StockLevel;
import io.perennial.order.OrderRowRepository;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The figures of the console's home page. Revenue (MRR, its movements, active subscribers, churn) comes from the same
 * {@link RevenueReports} as {@code /v1/admin/analytics}, as of the last day the roll-up wrote, and like that API only
 * for admins; failed renewals, orders by status and low stock come from the read models, as they are now.
 */
@Singleton
public class ConsoleDashboard {

    /** Months of MRR and churn drawn, the last being the month of the latest roll-up. */
    static final int MONTHS = 6;
    static final int LOW_STOCK_SHOWN = 10;

    /** A headline figure: {@code value} as a number for machines ({@code null}: none), {@code shown} for people. */
    public record Figure(String key, String label, @Nullable Long value, String shown) {
    }

    private final RevenueReports revenue;
    private final FailedRenewals failed;
    private final OrderRowRepository orders;
    private final Inventory inventory;

    public ConsoleDashboard(RevenueReports revenue, FailedRenewals failed, OrderRowRepository orders,
                            Inventory inventory) {
        this.revenue = revenue;
        this.failed = failed;
        this.orders = orders;
        this.inventory = inventory;
    }

    /** The page's model; {@code text} gives a bundle key's text in the reader's language. */
    public Map<String, Object> model(boolean admin, PortalFormat fmt, Function<String, String> text) {
        Map<String, Object> model = new LinkedHashMap<>();
        List<Figure> figures = new ArrayList<>();
        List<BarChart> charts = new ArrayList<>();
        LocalDate asOf = admin ? revenue.latestDay().orElse(null) : null;
        if (asOf != null) {
            model.put("asOf", fmt.date(asOf.atStartOfDay(ZoneOffset.UTC).toInstant()));
            model.put("currency", revenue.reportingCurrency());
            revenue(asOf, fmt, text, figures, charts);
        }
        Map<FailedRenewals.Reason, Long> byReason = failed.countByReason();
        long pastDue = byReason.values().stream().mapToLong(Long::longValue).sum();
        figures.add(count("failed-renewals", text.apply("console.dashboard.failedRenewals"), pastDue, fmt));
        long low = inventory.countAtOrBelowReorderPoint();
        figures.add(count("stock-low", text.apply("console.dashboard.stockLow"), low, fmt));
        charts.add(BarChart.of("failed-renewals-by-reason", text.apply("console.dashboard.failedByReason"),
                byReason.entrySet().stream().map(entry -> new BarChart.Entry(entry.getKey().name(),
                        text.apply("console.reason." + entry.getKey().name()), entry.getValue(),
                        integer(fmt, entry.getValue()))).toList()));
        List<OrderRowRepository.StatusCount> statuses = orders.countByStatus();
        if (!statuses.isEmpty()) {
            charts.add(BarChart.of("orders-by-status", text.apply("console.dashboard.ordersByStatus"),
                    statuses.stream().map(count -> new BarChart.Entry(count.status(),
                            text.apply("order.status." + count.status()), count.orders(),
                            integer(fmt, count.orders()))).toList()));
        }
        List<StockLevel> lowStock = low == 0 ? List.of() : inventory.atOrBelowReorderPoint(LOW_STOCK_SHOWN);
        model.put("figures", figures);
        model.put("charts", charts);
        model.put("lowStock", lowStock);
        model.put("revenueShown", asOf != null);
        model.put("hasOrders", !statuses.isEmpty());
        return model;
    }

    private void revenue(LocalDate asOf, PortalFormat fmt, Function<String, String> text, List<Figure> figures,
                         List<BarChart> charts) {
        String currency = revenue.reportingCurrency();
        LocalDate first = asOf.withDayOfMonth(1).minusMonths(MONTHS - 1);
        AnalyticsReport report = revenue.of(first, asOf);
        List<ReportingPeriod> months = revenue.months(first, asOf);
        List<AnalyticsReport.MrrRow> mrr = report.mrr(months);
        List<AnalyticsReport.ChurnRow> churn = report.churn(months);
        AnalyticsReport.MrrRow now = mrr.get(mrr.size() - 1);
        AnalyticsReport.ChurnRow thisMonth = churn.get(churn.size() - 1);
        AnalyticsReport.MovementRow moved = report.movements(months.subList(months.size() - 1, months.size())).get(0);

        figures.add(count("active-subscribers", text.apply("console.dashboard.activeSubscribers"),
                now.activeSubscribers(), fmt));
        figures.add(new Figure("mrr", text.apply("console.dashboard.mrr"), now.mrrMinor(),
                fmt.money(now.mrrMinor(), currency)));
        figures.add(rate("logo-churn", text.apply("console.dashboard.logoChurn"), thisMonth.logoChurnBp(), fmt));
        figures.add(rate("revenue-churn", text.apply("console.dashboard.revenueChurn"), thisMonth.revenueChurnBp(),
                fmt));

        charts.add(BarChart.of("mrr-by-month", text.apply("console.dashboard.mrrByMonth"), mrr.stream()
                .map(row -> new BarChart.Entry(row.period(), row.period(), row.mrrMinor(),
                        fmt.money(row.mrrMinor(), currency))).toList()));
        charts.add(BarChart.of("movements", text.apply("console.dashboard.movements") + " " + moved.period(),
                List.of(movement("new", moved.newMinor(), currency, fmt, text),
                        movement("reactivated", moved.reactivatedMinor(), currency, fmt, text),
                        movement("expansion", moved.expansionMinor(), currency, fmt, text),
                        movement("contraction", -moved.contractionMinor(), currency, fmt, text),
                        movement("churned", -moved.churnedMinor(), currency, fmt, text))));
        charts.add(BarChart.of("churn-by-month", text.apply("console.dashboard.churnByMonth"), churn.stream()
                .map(row -> new BarChart.Entry(row.period(), row.period(),
                        row.logoChurnBp() == null ? 0 : row.logoChurnBp(), percent(fmt, row.logoChurnBp())))
                .toList()));
    }

    private static BarChart.Entry movement(String key, long minor, String currency, PortalFormat fmt,
                                           Function<String, String> text) {
        return new BarChart.Entry(key, text.apply("console.dashboard.movement." + key), minor,
                fmt.money(minor, currency));
    }

    private static Figure count(String key, String label, long value, PortalFormat fmt) {
        return new Figure(key, label, value, integer(fmt, value));
    }

    private static Figure rate(String key, String label, @Nullable Integer basisPoints, PortalFormat fmt) {
        return new Figure(key, label, basisPoints == null ? null : basisPoints.longValue(),
                percent(fmt, basisPoints));
    }

    static String integer(PortalFormat fmt, long value) {
        return NumberFormat.getIntegerInstance(fmt.locale()).format(value);
    }

    /** Basis points as a percentage with two decimals; none (no customers to churn from) as a dash. */
    static String percent(PortalFormat fmt, @Nullable Integer basisPoints) {
        if (basisPoints == null) {
            return "—";
        }
        NumberFormat format = NumberFormat.getPercentInstance(fmt.locale());
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return format.format(BigDecimal.valueOf(basisPoints, 4));
    }
}

package io.perennial.api.analytics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.analytics.CancellationCount;
import io.perennial.analytics.DailyFact;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The reports of {@code /v1/admin/analytics} from the daily facts of [from − 1 day, to] (docs/analytics.md): every
 * row is flat, so the same rows serve JSON and CSV. Pure.
 */
public final class AnalyticsReport {

    @Serdeable
    public record MrrRow(String period, String currency, long mrrMinor, long arrMinor, int payingCustomers,
                         int activeSubscribers, int trialing, String unconvertedCurrencies) {
    }

    @Serdeable
    public record MovementRow(String period, String currency, long startMrrMinor, long newMinor,
                              long reactivatedMinor, long expansionMinor, long contractionMinor, long churnedMinor,
                              long netMinor, long endMrrMinor, int newCustomers, int reactivatedCustomers,
                              int churnedCustomers, String unconvertedCurrencies) {
    }

    @Serdeable
    public record ChurnRow(String period, String currency, int startCustomers, long startMrrMinor,
                           int churnedCustomers, long churnedMinor, long contractionMinor, long expansionMinor,
                           @Nullable Integer logoChurnBp, @Nullable Integer revenueChurnBp,
                           @Nullable Integer netRevenueRetentionBp, int voluntaryCancellations,
                           int involuntaryCancellations, int trialsEnded, int trialConversions,
                           @Nullable Integer trialConversionBp) {
    }

    @Serdeable
    public record DunningRow(String period, String currency, int failedCharges, long failedMinor,
                             int recoveredInvoices, long recoveredMinor, int lostInvoices,
                             @Nullable Integer recoveryRateBp, int involuntaryCancellations) {
    }

    @Serdeable
    public record CancellationRow(String period, String reason, boolean voluntary, int subscriptions) {
    }

    private final String currency;
    private final Map<LocalDate, DayTotal> days = new TreeMap<>();
    private final List<CancellationCount> cancellations;

    /** @param facts the daily rows of [from − 1 day, to]; cancellations those of [from, to] */
    public AnalyticsReport(List<DailyFact> facts, List<CancellationCount> cancellations, String reportingCurrency) {
        this.currency = reportingCurrency;
        this.cancellations = cancellations;
        facts.stream().collect(Collectors.groupingBy(DailyFact::day, TreeMap::new, Collectors.toList()))
                .forEach((day, rows) -> days.put(day, DayTotal.of(day, rows, reportingCurrency)));
    }

    private DayTotal at(LocalDate day) {
        return days.getOrDefault(day, DayTotal.empty(day));
    }

    private DayTotal sum(ReportingPeriod period) {
        List<DailyFact> none = List.of();
        DayTotal total = DayTotal.of(period.last(), none, currency);
        for (LocalDate day = period.first(); !day.isAfter(period.last()); day = day.plusDays(1)) {
            total = total.plus(at(day));
        }
        return total;
    }

    public List<MrrRow> mrr(List<ReportingPeriod> periods) {
        List<MrrRow> rows = new ArrayList<>();
        for (ReportingPeriod period : periods) {
            DayTotal end = at(period.last());
            rows.add(new MrrRow(period.label(), currency, end.mrr(), 12 * end.mrr(), end.payingCustomers(),
                    end.activeSubscribers(), end.trialing(), String.join(" ", end.unconverted())));
        }
        return rows;
    }

    public List<MovementRow> movements(List<ReportingPeriod> periods) {
        List<MovementRow> rows = new ArrayList<>();
        for (ReportingPeriod period : periods) {
            DayTotal start = at(period.first().minusDays(1));
            DayTotal moved = sum(period);
            DayTotal end = at(period.last());
            long net = moved.newMinor() + moved.reactivatedMinor() + moved.expansionMinor()
                    - moved.contractionMinor() - moved.churnedMinor();
            rows.add(new MovementRow(period.label(), currency, start.mrr(), moved.newMinor(),
                    moved.reactivatedMinor(), moved.expansionMinor(), moved.contractionMinor(), moved.churnedMinor(),
                    net, end.mrr(), moved.newCustomers(), moved.reactivatedCustomers(), moved.churnedCustomers(),
                    String.join(" ", moved.unconverted())));
        }
        return rows;
    }

    public List<ChurnRow> churn(List<ReportingPeriod> periods) {
        List<ChurnRow> rows = new ArrayList<>();
        for (ReportingPeriod period : periods) {
            DayTotal start = at(period.first().minusDays(1));
            DayTotal moved = sum(period);
            int involuntary = cancellationsIn(period, false);
            int voluntary = cancellationsIn(period, true);
            rows.add(new ChurnRow(period.label(), currency, start.payingCustomers(), start.mrr(),
                    moved.churnedCustomers(), moved.churnedMinor(), moved.contractionMinor(), moved.expansionMinor(),
                    DayTotal.basisPoints(moved.churnedCustomers(), start.payingCustomers()),
                    DayTotal.basisPoints(moved.churnedMinor() + moved.contractionMinor(), start.mrr()),
                    DayTotal.basisPoints(start.mrr() + moved.expansionMinor() - moved.contractionMinor()
                            - moved.churnedMinor(), start.mrr()),
                    voluntary, involuntary, moved.trialsEnded(), moved.trialConversions(),
                    DayTotal.basisPoints(moved.trialConversions(), moved.trialsEnded())));
        }
        return rows;
    }

    public List<DunningRow> dunning(List<ReportingPeriod> periods) {
        List<DunningRow> rows = new ArrayList<>();
        for (ReportingPeriod period : periods) {
            DayTotal moved = sum(period);
            rows.add(new DunningRow(period.label(), currency, moved.failedCharges(), moved.failedMinor(),
                    moved.recoveredInvoices(), moved.recoveredMinor(), moved.lostInvoices(),
                    DayTotal.basisPoints(moved.recoveredInvoices(),
                            (long) moved.recoveredInvoices() + moved.lostInvoices()),
                    cancellationsIn(period, false)));
        }
        return rows;
    }

    public List<CancellationRow> cancellations(List<ReportingPeriod> periods) {
        List<CancellationRow> rows = new ArrayList<>();
        for (ReportingPeriod period : periods) {
            Map<String, CancellationRow> byReason = new TreeMap<>();
            for (CancellationCount c : cancellations) {
                if (!c.day().isBefore(period.first()) && !c.day().isAfter(period.last())) {
                    byReason.merge(c.reason(), new CancellationRow(period.label(), c.reason(), c.voluntary(),
                            c.subscriptions()), (a, b) -> new CancellationRow(a.period(), a.reason(), a.voluntary(),
                            a.subscriptions() + b.subscriptions()));
                }
            }
            rows.addAll(byReason.values());
        }
        return rows;
    }

    private int cancellationsIn(ReportingPeriod period, boolean voluntary) {
        return cancellations.stream()
                .filter(c -> c.voluntary() == voluntary && !c.day().isBefore(period.first())
                        && !c.day().isAfter(period.last()))
                .mapToInt(CancellationCount::subscriptions).sum();
    }
}

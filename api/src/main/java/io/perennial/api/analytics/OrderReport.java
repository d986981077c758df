package io.perennial.api.analytics;

import io.micronaut.serde.annotation.Serdeable;
import io.perennial.analytics.OrderFact;
import io.perennial.analytics.SkuUnitsFact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** One-off order revenue and refunds, and units per SKU, per period (docs/analytics.md). Pure. */
final class OrderReport {

    @Serdeable
    public record OrderRow(String period, String currency, int ordersPaid, long revenueMinor, int refunds,
                           long refundedMinor, long netMinor, String unconvertedCurrencies) {
    }

    @Serdeable
    public record SkuRow(String period, String sku, String kind, long units) {
    }

    private OrderReport() {
    }

    static List<OrderRow> revenue(List<OrderFact> facts, List<ReportingPeriod> periods, String reportingCurrency) {
        List<OrderRow> rows = new ArrayList<>();
        for (ReportingPeriod period : periods) {
            int paid = 0;
            int refunds = 0;
            long revenue = 0;
            long refunded = 0;
            Set<String> unconverted = new TreeSet<>();
            for (OrderFact f : facts) {
                if (f.day().isBefore(period.first()) || f.day().isAfter(period.last())) {
                    continue;
                }
                paid += f.ordersPaid();
                refunds += f.refunds();
                if (f.rate() == null) {
                    unconverted.add(f.currency());
                    continue;
                }
                revenue += DayTotal.convert(f.revenueMinor(), f.currency(), reportingCurrency, f.rate());
                refunded += DayTotal.convert(f.refundedMinor(), f.currency(), reportingCurrency, f.rate());
            }
            rows.add(new OrderRow(period.label(), reportingCurrency, paid, revenue, refunds, refunded,
                    revenue - refunded, String.join(" ", unconverted)));
        }
        return rows;
    }

    static List<SkuRow> units(List<SkuUnitsFact> facts, List<ReportingPeriod> periods) {
        List<SkuRow> rows = new ArrayList<>();
        for (ReportingPeriod period : periods) {
            Map<String, Long> bySkuAndKind = new TreeMap<>();
            for (SkuUnitsFact f : facts) {
                if (!f.day().isBefore(period.first()) && !f.day().isAfter(period.last())) {
                    bySkuAndKind.merge(f.sku() + "\t" + f.kind(), f.units(), Long::sum);
                }
            }
            bySkuAndKind.forEach((key, units) -> {
                String[] skuAndKind = key.split("\t");
                rows.add(new SkuRow(period.label(), skuAndKind[0], skuAndKind[1], units));
            });
        }
        return rows;
    }
}

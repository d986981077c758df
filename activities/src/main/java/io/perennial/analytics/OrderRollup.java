package io.perennial.analytics;

import io.perennial.analytics.AnalyticsLedger.CurrencyTotal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** One day's order figures per currency, with the day's rate (docs/analytics.md). Pure. */
public final class OrderRollup {

    private OrderRollup() {
    }

    public static List<OrderFact> compute(LocalDate day, List<CurrencyTotal> paid, List<CurrencyTotal> refunded,
                                          String reportingCurrency,
                                          Function<String, Optional<ExchangeRates.Rate>> rateOf) {
        Map<String, long[]> byCurrency = new TreeMap<>();
        for (CurrencyTotal p : paid) {
            long[] t = byCurrency.computeIfAbsent(p.currency().trim(), c -> new long[4]);
            t[0] += p.count();
            t[1] += p.amountMinor();
        }
        for (CurrencyTotal r : refunded) {
            long[] t = byCurrency.computeIfAbsent(r.currency().trim(), c -> new long[4]);
            t[2] += r.count();
            t[3] += r.amountMinor();
        }
        List<OrderFact> facts = new ArrayList<>();
        byCurrency.forEach((currency, t) -> {
            Optional<ExchangeRates.Rate> rate = currency.equals(reportingCurrency)
                    ? Optional.of(new ExchangeRates.Rate(currency, day, BigDecimal.ONE, "identity"))
                    : rateOf.apply(currency);
            facts.add(new OrderFact(day, currency, (int) t[0], t[1], (int) t[2], t[3], reportingCurrency,
                    rate.map(ExchangeRates.Rate::rate).orElse(null),
                    rate.map(ExchangeRates.Rate::rateDate).orElse(null)));
        });
        return facts;
    }
}

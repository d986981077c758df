package io.perennial.analytics;

import io.perennial.analytics.AnalyticsLedger.CurrencyTotal;
import io.perennial.analytics.AnalyticsLedger.CustomerCurrency;
import io.perennial.analytics.SubscriptionHistory.Change;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * One day's figures from what the ledger said at the end of the day before and at the end of the day
 * (docs/analytics.md). Pure: the same inputs give the same rows, in the same order.
 */
public final class DailyRollup {

    /** The day's rows: one per currency that had anything, and one per cancellation reason. */
    public record Result(List<DailyFact> facts, List<CancellationCount> cancellations) {
    }

    /** What the roll-up read for a day. */
    public record Inputs(LocalDate day, List<SubscriptionAtDay> atStart, List<SubscriptionAtDay> atEnd,
                         Set<CustomerCurrency> paidEarlier, List<Change> changes, List<CurrencyTotal> failed,
                         List<CurrencyTotal> recovered) {
    }

    private DailyRollup() {
    }

    public static Result compute(Inputs in, String reportingCurrency,
                                 Function<String, Optional<ExchangeRates.Rate>> rateOf) {
        Map<String, Tally> byCurrency = new TreeMap<>();
        Map<CustomerCurrency, Long> before = mrrByCustomer(in.atStart());
        Map<CustomerCurrency, Long> after = mrrByCustomer(in.atEnd());
        Set<CustomerCurrency> customers = new TreeSet<>(DailyRollup::compare);
        customers.addAll(before.keySet());
        customers.addAll(after.keySet());
        for (CustomerCurrency customer : customers) {
            long m0 = before.getOrDefault(customer, 0L);
            long m1 = after.getOrDefault(customer, 0L);
            Tally t = byCurrency.computeIfAbsent(customer.currency(), c -> new Tally());
            t.mrr += m1;
            if (m1 > 0) {
                t.payingCustomers++;
            }
            t.add(MrrMovement.between(m0, m1, in.paidEarlier().contains(customer)));
        }
        for (SubscriptionAtDay s : in.atEnd()) {
            if (s.currency() == null) {
                continue;
            }
            Tally t = byCurrency.computeIfAbsent(s.currency(), c -> new Tally());
            if (s.paying()) {
                t.activeSubscribers++;
            } else if (s.trialing()) {
                t.trialing++;
            }
        }
        Map<UUID, String> currencyOf = new TreeMap<>();
        in.atEnd().forEach(s -> currencyOf.put(s.subscriptionId(), s.currency()));
        Map<UUID, String> statusAtStart = new TreeMap<>();
        in.atStart().forEach(s -> statusAtStart.put(s.subscriptionId(), s.status()));
        Map<String, Integer> reasons = new TreeMap<>();
        String previousSubscription = null;
        String previous = null;
        for (Change change : in.changes()) {
            String id = change.subscriptionId().toString();
            if (!id.equals(previousSubscription)) {
                previousSubscription = id;
                previous = statusAtStart.get(change.subscriptionId());
            }
            String currency = currencyOf.get(change.subscriptionId());
            Tally t = currency == null ? null : byCurrency.computeIfAbsent(currency, c -> new Tally());
            if ("TRIALING".equals(previous) && !"TRIALING".equals(change.status()) && t != null) {
                t.trialsEnded++;
                if ("ACTIVE".equals(change.status())) {
                    t.trialConversions++;
                }
            }
            if (!"CANCELED".equals(previous) && "CANCELED".equals(change.status())) {
                String reason = change.cancelReason() == null ? "unknown" : change.cancelReason();
                reasons.merge(reason, 1, Integer::sum);
                if (!CancellationCount.voluntary(reason) && t != null) {
                    t.lostInvoices++;
                }
            }
            previous = change.status();
        }
        for (CurrencyTotal failed : in.failed()) {
            Tally t = byCurrency.computeIfAbsent(failed.currency().trim(), c -> new Tally());
            t.failedCharges += failed.count();
            t.failedMinor += failed.amountMinor();
        }
        for (CurrencyTotal recovered : in.recovered()) {
            Tally t = byCurrency.computeIfAbsent(recovered.currency().trim(), c -> new Tally());
            t.recoveredInvoices += recovered.count();
            t.recoveredMinor += recovered.amountMinor();
        }
        List<DailyFact> facts = new ArrayList<>();
        byCurrency.forEach((currency, t) -> {
            Optional<ExchangeRates.Rate> rate = currency.equals(reportingCurrency)
                    ? Optional.of(new ExchangeRates.Rate(currency, in.day(), BigDecimal.ONE, "identity"))
                    : rateOf.apply(currency);
            facts.add(t.fact(in.day(), currency, reportingCurrency, rate.map(ExchangeRates.Rate::rate).orElse(null),
                    rate.map(ExchangeRates.Rate::rateDate).orElse(null)));
        });
        List<CancellationCount> cancellations = new ArrayList<>();
        reasons.forEach((reason, n) -> cancellations.add(
                new CancellationCount(in.day(), reason, CancellationCount.voluntary(reason), n)));
        return new Result(facts, cancellations);
    }

    private static Map<CustomerCurrency, Long> mrrByCustomer(List<SubscriptionAtDay> states) {
        Map<CustomerCurrency, Long> mrr = new TreeMap<>(DailyRollup::compare);
        for (SubscriptionAtDay s : states) {
            if (s.currency() != null) {
                mrr.merge(new CustomerCurrency(s.customerId(), s.currency().trim()), MonthlyRecurringRevenue.of(s),
                        Long::sum);
            }
        }
        return mrr;
    }

    private static int compare(CustomerCurrency a, CustomerCurrency b) {
        int byCustomer = a.customerId().compareTo(b.customerId());
        return byCustomer != 0 ? byCustomer : a.currency().compareTo(b.currency());
    }

    /** The running figures of one currency. */
    private static final class Tally {
        long mrr;
        int payingCustomers;
        int activeSubscribers;
        int trialing;
        int trialsEnded;
        int trialConversions;
        long newMinor;
        long reactivatedMinor;
        long expansionMinor;
        long contractionMinor;
        long churnedMinor;
        int newCustomers;
        int reactivatedCustomers;
        int churnedCustomers;
        int failedCharges;
        long failedMinor;
        int recoveredInvoices;
        long recoveredMinor;
        int lostInvoices;

        void add(MrrMovement movement) {
            switch (movement.kind()) {
                case NEW -> {
                    newMinor += movement.amount();
                    newCustomers++;
                }
                case REACTIVATED -> {
                    reactivatedMinor += movement.amount();
                    reactivatedCustomers++;
                }
                case EXPANSION -> expansionMinor += movement.amount();
                case CONTRACTION -> contractionMinor += movement.amount();
                case CHURNED -> {
                    churnedMinor += movement.amount();
                    churnedCustomers++;
                }
                case NONE -> {
                }
            }
        }

        DailyFact fact(LocalDate day, String currency, String reportingCurrency, BigDecimal rate, LocalDate rateDate) {
            return new DailyFact(day, currency, mrr, payingCustomers, activeSubscribers, trialing, trialsEnded,
                    trialConversions, newMinor, reactivatedMinor, expansionMinor, contractionMinor, churnedMinor,
                    newCustomers, reactivatedCustomers, churnedCustomers, failedCharges, failedMinor,
                    recoveredInvoices, recoveredMinor, lostInvoices, reportingCurrency, rate, rateDate);
        }
    }
}

package io.perennial.analytics;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Singleton
public class AnalyticsRollupActivitiesImpl implements AnalyticsRollupActivities {

    private final AnalyticsLedger ledger;
    private final SubscriptionHistory history;
    private final AnalyticsFacts facts;
    private final ExchangeRates rates;
    private final AnalyticsConfiguration configuration;
    private final OrderFacts orderFacts;

    public AnalyticsRollupActivitiesImpl(AnalyticsLedger ledger, SubscriptionHistory history, AnalyticsFacts facts,
                                         ExchangeRates rates, AnalyticsConfiguration configuration,
                                         OrderFacts orderFacts) {
        this.orderFacts = orderFacts;
        this.ledger = ledger;
        this.history = history;
        this.facts = facts;
        this.rates = rates;
        this.configuration = configuration;
    }

    /** The states at the day's end: those at its start, with the subscriptions that changed during it replaced. */
    static List<SubscriptionAtDay> atEnd(List<SubscriptionAtDay> atStart, List<SubscriptionAtDay> changed) {
        Map<UUID, SubscriptionAtDay> states = new LinkedHashMap<>();
        atStart.forEach(state -> states.put(state.subscriptionId(), state));
        changed.forEach(state -> states.put(state.subscriptionId(), state));
        return new ArrayList<>(states.values());
    }

    /** Reads and replaces in one transaction, so a reader sees the day's old rows or its new ones, never a mix. */
    @Override
    @Transactional
    public DayRolledUp rollUpDay(RollupDay request) {
        Instant start = request.day().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = request.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        ledger.useWorkMemory(configuration.rollupWorkMemory());
        List<SubscriptionAtDay> atStart = ledger.statesAt(start);
        DailyRollup.Inputs inputs = new DailyRollup.Inputs(request.day(), atStart,
                atEnd(atStart, ledger.statesChangedBetween(start, end)), new HashSet<>(ledger.payingBefore(start)),
                history.changesBetween(start, end), ledger.failedCharges(start, end),
                ledger.recoveredInvoices(start, end));
        DailyRollup.Result result = DailyRollup.compute(inputs, configuration.reportingCurrency(),
                currency -> rates.on(currency, request.day()));
        facts.deleteDaily(request.day());
        facts.deleteCancellations(request.day());
        result.facts().forEach(facts::insert);
        result.cancellations().forEach(c -> facts.insertCancellation(c.day(), c.reason(), c.voluntary(),
                c.subscriptions()));
        List<OrderFact> orders = OrderRollup.compute(request.day(), ledger.ordersPaid(start, end),
                ledger.orderRefunds(start, end), configuration.reportingCurrency(),
                currency -> rates.on(currency, request.day()));
        orderFacts.deleteOrders(request.day());
        orderFacts.deleteUnits(request.day());
        orders.forEach(o -> orderFacts.insertOrders(o.day(), o.currency(), o.ordersPaid(), o.revenueMinor(),
                o.refunds(), o.refundedMinor(), o.reportingCurrency(), o.rate(), o.rateDate()));
        ledger.skuUnits(start, end).forEach(u -> orderFacts.insertUnits(request.day(), u.sku(), u.kind(), u.units()));
        return new DayRolledUp(request.day(), result.facts().size(), result.cancellations().size());
    }
}

package io.perennial.api.analytics;

import io.perennial.analytics.DailyFact;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A day's figures over every currency, in the reporting currency: each row's amounts divided by the rate stored with
 * it, HALF_EVEN, once per figure (docs/analytics.md). A currency without a rate is left out and named.
 */
record DayTotal(LocalDate day, long mrr, int payingCustomers, int activeSubscribers, int trialing, int trialsEnded,
                int trialConversions, long newMinor, long reactivatedMinor, long expansionMinor,
                long contractionMinor, long churnedMinor, int newCustomers, int reactivatedCustomers,
                int churnedCustomers, int failedCharges, long failedMinor, int recoveredInvoices,
                long recoveredMinor, int lostInvoices, Set<String> unconverted) {

    static DayTotal empty(LocalDate day) {
        return of(day, List.of(), "EUR");
    }

    static DayTotal of(LocalDate day, List<DailyFact> rows, String reportingCurrency) {
        long mrr = 0, newMinor = 0, reactivated = 0, expansion = 0, contraction = 0, churned = 0, failed = 0,
                recovered = 0;
        int paying = 0, active = 0, trialing = 0, ended = 0, conversions = 0, newCustomers = 0,
                reactivatedCustomers = 0, churnedCustomers = 0, failedCharges = 0, recoveredInvoices = 0, lost = 0;
        Set<String> unconverted = new TreeSet<>();
        for (DailyFact f : rows) {
            paying += f.payingCustomers();
            active += f.activeSubscribers();
            trialing += f.trialing();
            ended += f.trialsEnded();
            conversions += f.trialConversions();
            newCustomers += f.newCustomers();
            reactivatedCustomers += f.reactivatedCustomers();
            churnedCustomers += f.churnedCustomers();
            failedCharges += f.failedCharges();
            recoveredInvoices += f.recoveredInvoices();
            lost += f.lostInvoices();
            if (f.rate() == null) {
                unconverted.add(f.currency());
                continue;
            }
            mrr += convert(f.mrrMinor(), f.currency(), reportingCurrency, f.rate());
            newMinor += convert(f.newMinor(), f.currency(), reportingCurrency, f.rate());
            reactivated += convert(f.reactivatedMinor(), f.currency(), reportingCurrency, f.rate());
            expansion += convert(f.expansionMinor(), f.currency(), reportingCurrency, f.rate());
            contraction += convert(f.contractionMinor(), f.currency(), reportingCurrency, f.rate());
            churned += convert(f.churnedMinor(), f.currency(), reportingCurrency, f.rate());
            failed += convert(f.failedMinor(), f.currency(), reportingCurrency, f.rate());
            recovered += convert(f.recoveredMinor(), f.currency(), reportingCurrency, f.rate());
        }
        return new DayTotal(day, mrr, paying, active, trialing, ended, conversions, newMinor, reactivated, expansion,
                contraction, churned, newCustomers, reactivatedCustomers, churnedCustomers, failedCharges, failed,
                recoveredInvoices, recovered, lost, unconverted);
    }

    /** The figures of two days added up: movements and counts sum; the state (MRR, subscribers) is the later day's. */
    DayTotal plus(DayTotal later) {
        Set<String> both = new TreeSet<>(unconverted);
        both.addAll(later.unconverted);
        return new DayTotal(later.day, later.mrr, later.payingCustomers, later.activeSubscribers, later.trialing,
                trialsEnded + later.trialsEnded, trialConversions + later.trialConversions,
                newMinor + later.newMinor, reactivatedMinor + later.reactivatedMinor,
                expansionMinor + later.expansionMinor, contractionMinor + later.contractionMinor,
                churnedMinor + later.churnedMinor, newCustomers + later.newCustomers,
                reactivatedCustomers + later.reactivatedCustomers, churnedCustomers + later.churnedCustomers,
                failedCharges + later.failedCharges, failedMinor + later.failedMinor,
                recoveredInvoices + later.recoveredInvoices, recoveredMinor + later.recoveredMinor,
                lostInvoices + later.lostInvoices, both);
    }

    /**
     * Minor units of {@code currency} in minor units of the reporting currency, one reporting unit being worth
     * {@code rate} units of the currency; the minor digits of each (2 for EUR, 0 for JPY) are taken into account.
     */
    static long convert(long amountMinor, String currency, String reportingCurrency, BigDecimal rate) {
        int shift = Currency.getInstance(reportingCurrency).getDefaultFractionDigits()
                - Currency.getInstance(currency).getDefaultFractionDigits();
        return BigDecimal.valueOf(amountMinor).movePointRight(shift).divide(rate, 0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }

    /** {@code part / whole} in basis points, HALF_UP; null when there is no whole. */
    static Integer basisPoints(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(10_000))
                .divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_UP).intValueExact();
    }
}

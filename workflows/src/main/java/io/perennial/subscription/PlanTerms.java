package io.perennial.subscription;

import io.perennial.fulfilment.BoxItem;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The terms a subscriber signed up for, copied into the workflow at start so a later price change
 * in the catalog never changes what an existing subscriber pays (until an explicit migration).
 *
 * @param amountMinor price per period in minor units of {@code currency} (ISO 4217), e.g. 1299 = 12.99 EUR
 * @param trialDays   trial length in days (0: none); ignored when {@code trial} is given
 * @param version     the catalog version of the plan these terms come from; 0 for terms from before plan versions
 * @param trial       optional trial length as an interval (e.g. 5 seconds in a real-server test); overrides trialDays
 * @param box         the box each paid period ships, for a physical plan; empty or null for a digital one
 * @param dunningOutcome what happens when dunning is used up; null (terms from before it existed) reads as
 *                    {@link DunningOutcome#CANCEL}
 */
public record PlanTerms(String planId, String name, long amountMinor, String currency,
                        BillingInterval interval, int trialDays, int version, BillingInterval trial,
                        List<BoxItem> box, DunningOutcome dunningOutcome) {
    public PlanTerms {
        if (amountMinor < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        if (currency == null || currency.length() != 3) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code");
        }
        if (trialDays < 0) {
            throw new IllegalArgumentException("trial days must not be negative");
        }
        box = box == null ? List.of() : List.copyOf(box);
        dunningOutcome = dunningOutcome == null ? DunningOutcome.CANCEL : dunningOutcome;
    }

    public PlanTerms(String planId, String name, long amountMinor, String currency, BillingInterval interval,
                     int trialDays, int version, BillingInterval trial, List<BoxItem> box) {
        this(planId, name, amountMinor, currency, interval, trialDays, version, trial, box, null);
    }

    public PlanTerms(String planId, String name, long amountMinor, String currency, BillingInterval interval,
                     int trialDays) {
        this(planId, name, amountMinor, currency, interval, trialDays, 0, null, null);
    }

    /** When a trial started at {@code startedAt} ends, or null without a trial. */
    public Instant trialEndFrom(Instant startedAt) {
        if (trial != null) {
            return trial.unit().plus(startedAt.atZone(ZoneOffset.UTC), trial.count()).toInstant();
        }
        return trialDays > 0 ? startedAt.plus(java.time.Duration.ofDays(trialDays)) : null;
    }

    /** These terms with {@code quantity} boxes per period: each box line's units times the quantity. */
    public PlanTerms boxTimes(int quantity) {
        if (quantity == 1 || box.isEmpty()) {
            return this;
        }
        List<BoxItem> items = box.stream()
                .map(item -> new BoxItem(item.sku(), Math.multiplyExact(item.quantity(), quantity))).toList();
        return new PlanTerms(planId, name, amountMinor, currency, interval, trialDays, version, trial, items,
                dunningOutcome);
    }

    /** These terms with {@code outcome} when dunning is used up. */
    public PlanTerms withDunningOutcome(DunningOutcome outcome) {
        return new PlanTerms(planId, name, amountMinor, currency, interval, trialDays, version, trial, box, outcome);
    }

    /** Dunning used up suspends the subscription instead of canceling it. */
    public boolean suspendsOnDunning() {
        return dunningOutcome == DunningOutcome.SUSPEND;
    }

    public boolean physical() {
        return !box.isEmpty();
    }
}

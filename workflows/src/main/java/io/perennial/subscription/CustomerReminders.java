package io.perennial.subscription;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Reminds the subscriber that the trial ends or that the subscription renews. The next reminder is computed from
 * the state each time, so it moves with a pause, a resume or a plan change; a changed plan gets a fresh reminder
 * with its new price. Each is sent once per key.
 */
final class CustomerReminders {

    /** A reminder to send at {@code at}, once per {@code key}. */
    record Reminder(String key, Instant at, String template, Map<String, String> data) {
    }

    private final SubscriptionStart start;
    private final Subscription s;
    private final CustomerNotices notices;

    CustomerReminders(SubscriptionStart start, Subscription s, CustomerNotices notices) {
        this.start = start;
        this.s = s;
        this.notices = notices;
    }

    /** The next reminder this state calls for, or null. */
    Reminder next() {
        ReminderSchedule schedule = start.reminders();
        BillingPeriod current = s.billing.currentPeriod;
        Reminder next = null;
        if (s.status == SubscriptionStatus.TRIALING && !s.pending.cancelAtPeriodEnd
                && schedule.trialEndingDaysBefore() > 0) {
            Instant at = s.trialEnd.minus(Duration.ofDays(schedule.trialEndingDaysBefore()));
            if (!at.isBefore(s.startedAt)) {
                next = new Reminder("trial-ending", at, "trial_ending", data("trialEnd", s.trialEnd));
            }
        } else if (s.status == SubscriptionStatus.ACTIVE && current != null && !s.pending.cancelAtPeriodEnd
                && !s.pending.pauseAtPeriodEnd && schedule.renewalDaysBefore() > 0 && !nextPeriodSkipped(current)) {
            Instant at = current.end().minus(Duration.ofDays(schedule.renewalDaysBefore()));
            if (!at.isBefore(current.start())) {
                next = new Reminder((current.number() + 1) + ":renewal-upcoming:" + s.billedPlan().planId(), at,
                        "renewal_upcoming", data("renewsAt", current.end()));
            }
        }
        return next == null || next.key().equals(s.reminders.lastSent) ? null : next;
    }

    /** A skipped period renews nothing, so nobody is told it will be charged. */
    private boolean nextPeriodSkipped(BillingPeriod current) {
        return s.boxes.skip != null && s.boxes.skip.number() == current.number() + 1;
    }

    Instant nextAt() {
        Reminder next = next();
        return next == null ? null : next.at();
    }

    /** The reminder due at {@code now}, or null. */
    Reminder dueAt(Instant now) {
        Reminder due = next();
        return due == null || now.isBefore(due.at()) ? null : due;
    }

    void send(Reminder due) {
        notices.send(due.key(), due.template(), due.data());
        s.reminders.lastSent = due.key();
    }

    private Map<String, String> data(String dateKey, Instant billsAt) {
        PlanTerms billed = s.billedPlan();
        long price = s.billedItems().priceWith(billed);
        long amount = price - (s.discounts.coupon != null && s.discounts.couponInvoicesLeft != 0
                ? s.discounts.coupon.discountOn(price) : 0);
        return Map.of("planName", billed.name(), "amountMinor", String.valueOf(amount), "currency",
                billed.currency(), dateKey, billsAt.atZone(ZoneOffset.UTC).toLocalDate().toString());
    }
}

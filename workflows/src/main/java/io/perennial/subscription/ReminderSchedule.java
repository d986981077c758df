package io.perennial.subscription;

/**
 * How many days ahead the customer is reminded that the trial ends and that the subscription renews (0: never).
 * A reminder whose day falls before the trial or period began is skipped rather than sent late.
 */
public record ReminderSchedule(int trialEndingDaysBefore, int renewalDaysBefore) {
    public ReminderSchedule {
        if (trialEndingDaysBefore < 0 || renewalDaysBefore < 0) {
            throw new IllegalArgumentException("reminder days must not be negative");
        }
    }

    /** Three days before a trial ends, seven days before each renewal. */
    public static ReminderSchedule standard() {
        return new ReminderSchedule(3, 7);
    }
}

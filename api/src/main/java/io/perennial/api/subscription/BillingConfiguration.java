package io.perennial.api.subscription;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.perennial.subscription.DunningSchedule;
import io.perennial.subscription.ReminderSchedule;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import java.time.Duration;
import java.util.List;

/**
 * {@code perennial.billing.*}: the terms every new subscription starts with. Existing subscriptions keep the
 * schedule they started with (it is part of their workflow's input).
 *
 * @param dunningRetryOffsets when a declined renewal is retried, counted from the first decline (default 1, 3, 5
 *                            and 7 days; a real-server test uses seconds)
 * @param trialEndingReminderDays days before a trial ends that the customer is reminded (0: never)
 * @param renewalReminderDays     days before each renewal that the customer is reminded (0: never)
 * @param gatewayRetryWindow      how long a charge is retried while the payment provider fails (5xx, timeouts)
 *                                before the renewal is put on hold (default 30 minutes)
 * @param gatewayHold             how long a held renewal waits before it is tried again (default 1 hour; ops retry
 *                                at once)
 * @param customerActionWindow    how long a charge the issuer asks the customer to authenticate waits for the
 *                                customer's answer, first period and renewals alike (default 23 hours)
 */
@ConfigurationProperties("perennial.billing")
public record BillingConfiguration(
        @Bindable(defaultValue = "P1D,P3D,P5D,P7D") @NotEmpty List<Duration> dunningRetryOffsets,
        @Bindable(defaultValue = "3") @Min(0) int trialEndingReminderDays,
        @Bindable(defaultValue = "7") @Min(0) int renewalReminderDays,
        @Bindable(defaultValue = "PT30M") Duration gatewayRetryWindow,
        @Bindable(defaultValue = "PT1H") Duration gatewayHold,
        @Bindable(defaultValue = "PT23H") Duration customerActionWindow) {

    DunningSchedule dunning() {
        return new DunningSchedule(dunningRetryOffsets, gatewayRetryWindow, gatewayHold, customerActionWindow);
    }

    ReminderSchedule reminders() {
        return new ReminderSchedule(trialEndingReminderDays, renewalReminderDays);
    }
}

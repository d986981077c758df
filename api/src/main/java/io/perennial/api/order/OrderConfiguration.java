package io.perennial.api.order;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param backorderDeadline how long an order may wait for stock before it is canceled (nothing is charged)
 * @param pickupDeadline    how long the carrier may take to pick a booked parcel up before ops are alerted
 * @param authenticationWindow how long a charge the customer's bank asks them to authenticate waits for them (the
 *                          stock stays reserved meanwhile) before the order fails like a decline
 */
@ConfigurationProperties("perennial.orders")
public record OrderConfiguration(
        @Bindable(defaultValue = "P14D") Duration backorderDeadline,
        @Bindable(defaultValue = "PT48H") Duration pickupDeadline,
        @Bindable(defaultValue = "PT1H") Duration authenticationWindow) {
}

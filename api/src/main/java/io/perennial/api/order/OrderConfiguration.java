package io.perennial.api.order;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param backorderDeadline how long an order may wait for stock before it is canceled (nothing is charged)
 * @param pickupDeadline    how long the carrier may take to pick a booked parcel up before ops are alerted
 */
@ConfigurationProperties("perennial.orders")
public record OrderConfiguration(
        @Bindable(defaultValue = "P14D") Duration backorderDeadline,
        @Bindable(defaultValue = "PT48H") Duration pickupDeadline) {
}

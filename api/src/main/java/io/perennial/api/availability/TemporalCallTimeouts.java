package io.perennial.api.availability;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code perennial.api.temporal.*}: how long the API waits on Temporal while a client waits on the API.
 *
 * @param callTimeout   a start, signal, query, describe, listing, or an Update's admission (the workflow accepted
 *                      it); retries of an unavailable frontend included
 * @param updateTimeout an Update's outcome once admitted (a plan change's charge runs inside it)
 */
@ConfigurationProperties("perennial.api.temporal")
public record TemporalCallTimeouts(@Bindable(defaultValue = "5s") Duration callTimeout,
                                   @Bindable(defaultValue = "30s") Duration updateTimeout) {
}

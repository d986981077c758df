package io.perennial.event;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** @param retention how long events are kept, by business time ({@code created}); older ones are purged */
@ConfigurationProperties("perennial.events")
public record EventConfiguration(@Bindable(defaultValue = "30d") Duration retention) {
}

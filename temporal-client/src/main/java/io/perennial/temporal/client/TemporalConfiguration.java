package io.perennial.temporal.client;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * @param target    host:port of the Temporal frontend, e.g. {@code localhost:7233}
 * @param namespace the Temporal namespace Perennial's workflows live in
 */
@ConfigurationProperties("perennial.temporal")
public record TemporalConfiguration(
        @Bindable(defaultValue = "localhost:7233") String target,
        @Bindable(defaultValue = "default") String namespace) {
}

package io.perennial.api.availability;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.aggregator.DefaultHealthAggregator;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.jdbc.JdbcIndicator;
import io.micronaut.runtime.ApplicationConfiguration;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code /health} with every check bounded in time: a check with no answer within
 * {@code perennial.api.health-check-timeout} counts as DOWN, so a stalled dependency makes {@code /health} say
 * DOWN (503) instead of hanging with it.
 */
@Singleton
@Replaces(DefaultHealthAggregator.class)
public class BoundedHealthAggregator extends DefaultHealthAggregator {

    private final Duration timeout;

    public BoundedHealthAggregator(ApplicationConfiguration application,
                                   @Value("${perennial.api.health-check-timeout:4s}") Duration timeout) {
        super(application);
        this.timeout = timeout;
    }

    @Override
    protected Flux<HealthResult> aggregateResults(HealthIndicator[] indicators) {
        return Flux.merge(Arrays.stream(indicators).map(this::bounded).toList());
    }

    private Flux<HealthResult> bounded(HealthIndicator indicator) {
        return Flux.from(indicator.getResult()).timeout(timeout, Flux.just(HealthResult
                .builder(name(indicator), HealthStatus.DOWN)
                .details(Map.of("error", "no answer within " + timeout.toMillis() + " ms"))
                .build()));
    }

    /** The name the check reports under when it answers ({@code jdbc}, {@code temporal}, {@code diskSpace}…). */
    private static String name(HealthIndicator indicator) {
        if (indicator instanceof JdbcIndicator) {
            return "jdbc";
        }
        String type = indicator.getClass().getSimpleName().replaceFirst("^\\$", "").replaceAll("\\$.*", "")
                .replaceFirst("(Health)?Indicator$", "");
        return type.isEmpty() ? "check" : Character.toLowerCase(type.charAt(0)) + type.substring(1);
    }
}

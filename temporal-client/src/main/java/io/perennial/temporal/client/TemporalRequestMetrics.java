package io.perennial.temporal.client;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The SDK tags its request meters with {@code update_name} only for Update requests. Prometheus needs one set of tag
 * keys per meter name, so the first Update (a plan-change preview) was refused registration, with a warning, and
 * went uncounted. Every request meter gets the tag, {@code none} when the request is not an Update.
 */
@Factory
public class TemporalRequestMetrics {

    static final String UPDATE_NAME = "update_name";

    @Singleton
    MeterFilter updateNameOnEveryTemporalRequest() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                boolean request = id.getName().startsWith("temporal_") && id.getTag("operation") != null;
                return request && id.getTag(UPDATE_NAME) == null ? id.withTag(Tag.of(UPDATE_NAME, "none")) : id;
            }
        };
    }
}

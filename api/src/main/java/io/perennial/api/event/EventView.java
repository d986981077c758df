package io.perennial.api.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One event of the log. {@code created} is business time (a test clock moves it); {@code data.object} is the
 * resource as the API shows it when the change was recorded; {@code data.previousAttributes}, on some updates,
 * holds the values that changed. docs/api.md lists every type.
 */
@Serdeable
public record EventView(@Schema(example = "evt_4f1c2a9b0d3e8f7a6b5c4d3e2f1a0b9c") String id,
                        @Schema(example = "invoice.paid") String type, Instant created, Data data) {

    @Serdeable
    public record Data(Map<String, Object> object, @Nullable Map<String, Object> previousAttributes) {
    }

    /** One page, newest first; {@code next} is the {@code after} value of the following page, absent on the last. */
    @Serdeable
    public record Page(List<EventView> items, @Nullable String next) {
    }
}

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
public record EventView(@Schema(example = "evt_4f1c2a9b0d3e8f7a6b5c4d3e2f1a0b9c",
                                requiredMode = Schema.RequiredMode.REQUIRED) String id,
                        @Schema(example = "invoice.paid", requiredMode = Schema.RequiredMode.REQUIRED) String type,
                        Instant created, Data data) {

    /** Free-form objects: each type's {@code object} has the shape of its resource's view (docs/api.md). */
    @Serdeable
    public record Data(@Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                               requiredMode = Schema.RequiredMode.REQUIRED)
                       Map<String, Object> object,
                       @Nullable @Schema(type = "object", nullable = true,
                               additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
                       Map<String, Object> previousAttributes) {
    }

    /** One page, newest first; {@code next} is the {@code after} value of the following page, absent on the last. */
    @Serdeable
    public record Page(List<EventView> items, @Nullable String next) {
    }
}

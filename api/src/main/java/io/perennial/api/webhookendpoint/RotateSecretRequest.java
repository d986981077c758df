package io.perennial.api.webhookendpoint;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

/** How long the old secret still signs beside the new one (ISO-8601, e.g. {@code PT24H}; default 24 h). */
@Serdeable
public record RotateSecretRequest(@Nullable @Size(max = 32) String overlap) {
}

package io.perennial.api.webhookendpoint;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/** Resend every event of the window [since, until) (by the event's {@code created}) that the endpoint wants. */
@Serdeable
public record ReplayRequest(@NotNull Instant since, @NotNull Instant until) {
}

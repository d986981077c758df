package io.perennial.customer;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** How many login failures since a moment, and when the oldest of them happened. */
@Introspected
public record LoginFailureWindow(int failures, @Nullable Instant oldest) {
}

package io.perennial.idempotency;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

@Introspected
public record IdempotencyRecord(String requestHash, String state, @Nullable Integer responseStatus,
                                @Nullable String responseBody, @Nullable String location, Instant createdAt) {

    public boolean completed() {
        return "COMPLETED".equals(state);
    }
}

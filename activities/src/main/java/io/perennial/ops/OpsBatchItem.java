package io.perennial.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** What a tracked ops batch did to one item (a subscription id, a workflow id): SUCCEEDED or FAILED, and why. */
@MappedEntity("ops_batch_items")
public record OpsBatchItem(@Id UUID id, String batchId, String itemId, String outcome, @Nullable String detail,
                           Instant recordedAt) {
}

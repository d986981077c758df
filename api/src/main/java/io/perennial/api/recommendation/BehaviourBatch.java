package io.perennial.api.recommendation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** Up to 500 things the signed-in customer did, as the storefront saw them. */
@Serdeable
public record BehaviourBatch(@NotEmpty @Size(max = 500) List<@NotNull @Valid Event> events) {

    /**
     * One event: {@code viewed}, {@code added_to_cart} or {@code rated} (with {@code rating} 1–5) names an item;
     * {@code searched} carries the {@code query} instead.
     *
     * @param occurredAt the client's timestamp
     */
    @Serdeable
    public record Event(@NotNull @Pattern(regexp = "viewed|added_to_cart|searched|rated") String type,
                        @Nullable @Pattern(regexp = "product|plan|sku") String itemType,
                        @Nullable @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String itemId,
                        @Nullable @Size(min = 1, max = 200) String query,
                        @Nullable @Min(1) @Max(5) Integer rating,
                        @NotNull Instant occurredAt) {
    }
}

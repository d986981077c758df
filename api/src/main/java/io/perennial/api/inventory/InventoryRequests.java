package io.perennial.api.inventory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.problem.ApiProblems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Duration;

/** What admins and ops send to manage stock; ids and quantities are checked here, at the edge. */
public final class InventoryRequests {

    private InventoryRequests() {
    }

    /** A supplier and its usual lead time, an ISO-8601 duration such as {@code P5D}. */
    @Serdeable
    public record CreateSupplier(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,63}") String id,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = "P[0-9DTHMS.]{1,20}") String leadTime) {

        /** The lead time, or a 400 naming the field; between a minute and a year. */
        Duration leadTimeDuration() {
            try {
                Duration duration = Duration.parse(leadTime);
                if (duration.compareTo(Duration.ofMinutes(1)) >= 0 && duration.compareTo(Duration.ofDays(365)) <= 0) {
                    return duration;
                }
            } catch (java.time.format.DateTimeParseException notADuration) {
                // answered below
            }
            throw ApiProblems.invalidField("/leadTime",
                    "an ISO-8601 duration from PT1M to P365D, e.g. P5D; not '" + leadTime + "'");
        }
    }

    /**
     * A SKU of a physical product. {@code unitPriceMinor} and {@code currency} (both or neither) make it sold on its
     * own: one-off orders are priced from them. A SKU without them is only shipped in subscription boxes.
     */
    @Serdeable
    public record CreateSku(
            @NotNull @Pattern(regexp = "[A-Z0-9][A-Z0-9._-]{0,63}") String sku,
            @NotBlank @Size(max = 64) String productId,
            @NotBlank @Size(max = 200) String name,
            @Min(0) @Max(1_000_000) int initialOnHand,
            @Min(0) @Max(1_000_000) int reorderPoint,
            @Min(1) @Max(1_000_000) int reorderQuantity,
            @NotBlank @Size(max = 64) String preferredSupplierId,
            @Nullable @Size(max = 64) String alternateSupplierId,
            @Nullable @Min(1) @Max(100_000_000) Long unitPriceMinor,
            @Nullable @Pattern(regexp = "[A-Z]{3}") String currency) {

        /** The price is both or neither, or a 400 naming the missing field. */
        void checkPrice() {
            if (unitPriceMinor != null && currency == null) {
                throw ApiProblems.invalidField("/currency", "a unit price needs its currency (ISO 4217)");
            }
            if (unitPriceMinor == null && currency != null) {
                throw ApiProblems.invalidField("/unitPriceMinor", "a currency needs a unit price in minor units");
            }
        }
    }

    /** Counted stock in or out by hand; the reason is kept in the audit log. */
    @Serdeable
    public record AdjustStock(
            @NotNull @Min(-1_000_000) @Max(1_000_000) Integer delta,
            @NotBlank @Size(max = 500) String reason) {
    }
}

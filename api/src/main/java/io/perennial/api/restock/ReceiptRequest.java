package io.perennial.api.restock;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Goods of a purchase order arrived.
 *
 * @param receiptId the delivery note's number: the same receipt posted again counts once
 * @param quantity  units that arrived; partial deliveries are fine, more than is still owed is refused
 */
@Serdeable
public record ReceiptRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}") String receiptId,
        @Min(1) @Max(1_000_000) int quantity) {
}

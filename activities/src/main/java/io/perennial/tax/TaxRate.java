package io.perennial.tax;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A tax rate admins maintain: {@code ratePercent} of a country's tax for a product tax category, valid from
 * {@code validFrom} until {@code validTo} (exclusive; null while it has no announced end).
 */
@MappedEntity("tax_rates")
public record TaxRate(@Id UUID id, String country, String taxCategory, String name, BigDecimal ratePercent,
                      Instant validFrom, @Nullable Instant validTo, Instant createdAt) {

    public boolean validAt(Instant at) {
        return !at.isBefore(validFrom) && (validTo == null || at.isBefore(validTo));
    }
}

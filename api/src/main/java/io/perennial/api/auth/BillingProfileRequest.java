package io.perennial.api.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.customer.BillingProfiles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Who the customer bills as: {@code INDIVIDUAL}, or {@code COMPANY} with its {@code legalName} and optionally its
 * VAT/tax id (checked against the shape of the billing country's ids and, for the EU and GB, the registry).
 */
@Serdeable
public record BillingProfileRequest(
        @NotNull @Pattern(regexp = "INDIVIDUAL|COMPANY") String kind,
        @Nullable @Size(min = 1, max = 200) String legalName,
        @Nullable @Valid Address address,
        @Nullable @Size(min = 4, max = 30) String taxId) {

    @Serdeable
    public record Address(@NotBlank @Size(max = 200) String line1, @Nullable @Size(max = 200) String line2,
                          @NotBlank @Size(max = 100) String city, @Nullable @Size(max = 20) String postalCode,
                          @Nullable @Size(max = 100) String region,
                          @NotNull @Pattern(regexp = "[A-Z]{2}") String country) {
    }

    BillingProfiles.Change change() {
        return new BillingProfiles.Change(kind, legalName, address == null ? null
                : new BillingProfiles.Address(address.line1(), address.line2(), address.city(), address.postalCode(),
                        address.region(), address.country()), taxId);
    }
}

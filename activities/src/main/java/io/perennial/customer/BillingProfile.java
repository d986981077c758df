package io.perennial.customer;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A customer's billing identity: INDIVIDUAL or COMPANY (with its legal name), the billing address whose country
 * decides the tax, and a company's VAT/tax id with what the registry last said: VERIFIED, or UNVERIFIED when it
 * could not answer.
 */
@Introspected
public record BillingProfile(String kind, @Nullable String legalName, @Nullable String billingLine1,
                             @Nullable String billingLine2, @Nullable String billingCity,
                             @Nullable String billingPostalCode, @Nullable String billingRegion,
                             @Nullable String billingCountry, @Nullable String taxId, @Nullable String taxIdStatus,
                             @Nullable Instant taxIdCheckedAt) {
}

package io.perennial.api.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.customer.BillingProfile;

import java.time.Instant;

/**
 * The customer's billing profile. {@code taxIdStatus} is VERIFIED once the registry confirmed the id (an EU id of
 * another member state than the seller's then makes invoices reverse charge), UNVERIFIED when it could not say,
 * with why in {@code taxIdNote}.
 */
@Serdeable
public record BillingProfileView(String kind, @Nullable String legalName,
                                 @Nullable BillingProfileRequest.Address address, @Nullable String taxId,
                                 @Nullable String taxIdStatus, @Nullable Instant taxIdCheckedAt,
                                 @Nullable String taxIdNote) {

    static BillingProfileView of(BillingProfile profile, @Nullable String note) {
        return new BillingProfileView(profile.kind(), profile.legalName(), profile.billingCountry() == null ? null
                : new BillingProfileRequest.Address(profile.billingLine1(), profile.billingLine2(),
                        profile.billingCity(), profile.billingPostalCode(), profile.billingRegion(),
                        profile.billingCountry()), profile.taxId(), profile.taxIdStatus(), profile.taxIdCheckedAt(),
                note);
    }
}

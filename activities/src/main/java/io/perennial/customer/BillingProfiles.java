package io.perennial.customer;

import io.micronaut.core.annotation.Nullable;
import io.perennial.tax.EuVat;
import io.perennial.tax.VatRegistry;
import io.perennial.tax.VatRegistryUnavailable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Saves a customer's billing profile after checking it: a company has a legal name; a VAT id needs a billing
 * country, has that country's shape (the EU states and GB, {@link EuVat}) and is asked of the registry. A registry
 * that says "not registered" refuses the profile; one that cannot answer now leaves the id UNVERIFIED (saved, no
 * reverse charge until a later save verifies it).
 */
@Singleton
public class BillingProfiles {

    private static final Logger log = LoggerFactory.getLogger(BillingProfiles.class);
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** A billing address; {@code country} is ISO 3166 alpha-2. */
    public record Address(String line1, @Nullable String line2, String city, @Nullable String postalCode,
                          @Nullable String region, String country) {
    }

    /** What the customer asks to be: {@code kind} INDIVIDUAL or COMPANY. */
    public record Change(String kind, @Nullable String legalName, @Nullable Address address,
                         @Nullable String taxId) {
    }

    /** The profile as saved and, when its VAT id could not be verified, why. */
    public record Saved(BillingProfile profile, @Nullable String taxIdNote) {
    }

    /** A profile refused: {@code pointer} names the field; {@code registry} when the registry said no. */
    public static final class Refused extends RuntimeException {
        private final String pointer;
        private final boolean registry;

        Refused(String pointer, String message, boolean registry) {
            super(message);
            this.pointer = pointer;
            this.registry = registry;
        }

        public String pointer() {
            return pointer;
        }

        public boolean registry() {
            return registry;
        }
    }

    private final BillingProfileRepository profiles;
    private final VatRegistry registry;

    public BillingProfiles(BillingProfileRepository profiles, VatRegistry registry) {
        this.profiles = profiles;
        this.registry = registry;
    }

    public BillingProfile get(UUID customerId) {
        return profiles.find(customerId).orElseThrow();
    }

    /**
     * Asks the registry again about a company's UNVERIFIED VAT id (it could not answer when the profile was saved),
     * before an invoice is taxed; VERIFIED once it says registered. Anything else leaves the id as it is: a "not
     * registered" now is for the customer to correct, and the invoice is taxed as for an unverified id.
     */
    public void reverifyUnverified(UUID customerId, Instant now) {
        BillingProfile profile = profiles.find(customerId).orElse(null);
        if (profile == null || !"UNVERIFIED".equals(profile.taxIdStatus())
                || !EuVat.checkedCountries().contains(profile.billingCountry())) {
            return;
        }
        try {
            if (registry.check(profile.billingCountry(), profile.taxId()).valid()) {
                profiles.markTaxIdVerified(customerId, profile.taxId(), now);
            }
        } catch (VatRegistryUnavailable e) {
            log.info("VAT registry still cannot check {} ({}): the invoice is taxed as unverified", profile.taxId(),
                    e.fault());
        }
    }

    public Saved save(UUID customerId, Change change, Instant now) {
        boolean company = "COMPANY".equals(change.kind());
        if (company && (change.legalName() == null || change.legalName().isBlank())) {
            throw new Refused("/legalName", "a company has a legal name", false);
        }
        if (!company && (change.legalName() != null || change.taxId() != null)) {
            throw new Refused(change.taxId() != null ? "/taxId" : "/legalName",
                    "legalName and taxId are for kind COMPANY", false);
        }
        Address address = change.address();
        if (address != null && !COUNTRIES.contains(address.country())) {
            throw new Refused("/address/country", "not an ISO 3166 country code: " + address.country(), false);
        }
        String taxId = null;
        String status = null;
        String note = null;
        if (change.taxId() != null) {
            if (address == null) {
                throw new Refused("/address", "a VAT id needs the billing address of its country", false);
            }
            taxId = EuVat.normalise(change.taxId());
            String id = taxId;
            EuVat.formatProblem(address.country(), taxId).ifPresent(why -> {
                throw new Refused("/taxId", id + " is " + why, false);
            });
            try {
                if (!EuVat.checkedCountries().contains(address.country())) {
                    status = "UNVERIFIED";
                    note = "no registry is asked for " + address.country() + " tax ids";
                } else if (registry.check(address.country(), taxId).valid()) {
                    status = "VERIFIED";
                } else {
                    throw new Refused("/taxId", "the VAT registry says " + taxId + " is not registered", true);
                }
            } catch (VatRegistryUnavailable e) {
                log.info("VAT registry could not check {} ({}): saved unverified", taxId, e.fault());
                status = "UNVERIFIED";
                note = "the VAT registry could not answer (" + e.fault() + "); it is asked again before the "
                        + "next invoice";
            }
        }
        profiles.save(customerId, change.kind(), company ? change.legalName().strip() : null,
                address == null ? null : address.line1(), address == null ? null : address.line2(),
                address == null ? null : address.city(), address == null ? null : address.postalCode(),
                address == null ? null : address.region(), address == null ? null : address.country(), taxId,
                status, taxId == null ? null : now);
        return new Saved(get(customerId), note);
    }
}

package io.perennial.tax;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The registry of the embedded default, answering from the id itself so tests and demos can provoke each of VIES's
 * outcomes: an id ending in {@code 000} is not registered; {@code 503} is a member state whose system is down
 * ({@code MS_UNAVAILABLE}); {@code 504} a {@code TIMEOUT}; any other id of a valid shape is registered.
 */
@Singleton
@Requires(property = "perennial.tax.vat-registry", value = "simulated", defaultValue = "simulated")
public class SimulatedVatRegistry implements VatRegistry {

    @Override
    public Answer check(String country, String normalisedTaxId) {
        if (normalisedTaxId.endsWith("503")) {
            throw new VatRegistryUnavailable("MS_UNAVAILABLE", "The " + country + " VAT registry is unavailable; "
                    + "try again later");
        }
        if (normalisedTaxId.endsWith("504")) {
            throw new VatRegistryUnavailable("TIMEOUT", "The VAT registry did not answer in time");
        }
        return normalisedTaxId.endsWith("000") ? new Answer(false, null)
                : new Answer(true, "Simulated company " + normalisedTaxId);
    }
}

package io.perennial.tax;

/**
 * The port to the registry of VAT ids: the EU's VIES service (HMRC's for GB ids). It answers whether an id is
 * registered, or throws {@link VatRegistryUnavailable} when it cannot say now (a member state's system is down,
 * a timeout): then the id stays unverified, not refused.
 */
public interface VatRegistry {

    /** {@code normalisedTaxId} carries its country prefix ({@code DE123456789}, {@code EL...} for Greece). */
    Answer check(String country, String normalisedTaxId);

    /** Registered or not, with the registered name when the registry gives it. */
    record Answer(boolean valid, String registeredName) {
    }
}

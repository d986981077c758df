package io.perennial.risk;

import io.perennial.order.ShippingAddress;

import java.util.Locale;

/**
 * A shipping address normalised to compare orders by: country, postal code without spaces and the first line with
 * its spacing and case evened out. The recipient is left out: a changed name at the same door is the same door.
 */
final class AddressKey {

    private AddressKey() {
    }

    /** Null for no address (a digital plan's subscription): it matches no other check. */
    static String of(ShippingAddress address) {
        if (address == null) {
            return null;
        }
        return address.countryCode().toUpperCase(Locale.ROOT) + "|"
                + address.postalCode().replaceAll("\\s+", "").toUpperCase(Locale.ROOT) + "|"
                + address.line1().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}

package io.perennial.risk;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The country of a payment method, as far as Perennial knows it. Customers have no billing address here, so the
 * only source is a gateway token that names its card's country, as Stripe's country test cards do
 * ({@code pm_card_de}, {@code pm_card_br}). Any other token has no known country and COUNTRY_MISMATCH stays quiet.
 */
final class BillingCountry {

    private static final Pattern COUNTRY_CARD = Pattern.compile("pm_card_([a-z]{2})");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private BillingCountry() {
    }

    static Optional<String> of(String paymentMethod) {
        if (paymentMethod == null) {
            return Optional.empty();
        }
        Matcher matcher = COUNTRY_CARD.matcher(paymentMethod);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String country = matcher.group(1).toUpperCase(Locale.ROOT);
        return COUNTRIES.contains(country) ? Optional.of(country) : Optional.empty();
    }
}

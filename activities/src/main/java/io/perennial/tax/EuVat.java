package io.perennial.tax;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The EU member states and the shape of a VAT id in each (as the VIES service documents them), plus the United
 * Kingdom's. An id is written with its country prefix, upper case, no spaces or dots ({@code DE123456789}); Greece
 * uses the prefix {@code EL}. A shape that fits is not yet a registered id: that is the registry's answer.
 */
public final class EuVat {

    /** Member states by ISO 3166 code; the seller and buyer must both be here for a reverse charge. */
    public static final Set<String> MEMBER_STATES = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
            "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI",
            "SK");

    private static final Map<String, Pattern> FORMATS = new TreeMap<>(Map.ofEntries(
            Map.entry("AT", Pattern.compile("ATU\\d{8}")),
            Map.entry("BE", Pattern.compile("BE[01]\\d{9}")),
            Map.entry("BG", Pattern.compile("BG\\d{9,10}")),
            Map.entry("CY", Pattern.compile("CY\\d{8}[A-Z]")),
            Map.entry("CZ", Pattern.compile("CZ\\d{8,10}")),
            Map.entry("DE", Pattern.compile("DE\\d{9}")),
            Map.entry("DK", Pattern.compile("DK\\d{8}")),
            Map.entry("EE", Pattern.compile("EE\\d{9}")),
            Map.entry("ES", Pattern.compile("ES[A-Z0-9]\\d{7}[A-Z0-9]")),
            Map.entry("FI", Pattern.compile("FI\\d{8}")),
            Map.entry("FR", Pattern.compile("FR[A-HJ-NP-Z0-9]{2}\\d{9}")),
            Map.entry("GR", Pattern.compile("EL\\d{9}")),
            Map.entry("HR", Pattern.compile("HR\\d{11}")),
            Map.entry("HU", Pattern.compile("HU\\d{8}")),
            Map.entry("IE", Pattern.compile("IE\\d{7}[A-W][A-I]?|IE\\d[A-Z+*]\\d{5}[A-W]")),
            Map.entry("IT", Pattern.compile("IT\\d{11}")),
            Map.entry("LT", Pattern.compile("LT(\\d{9}|\\d{12})")),
            Map.entry("LU", Pattern.compile("LU\\d{8}")),
            Map.entry("LV", Pattern.compile("LV\\d{11}")),
            Map.entry("MT", Pattern.compile("MT\\d{8}")),
            Map.entry("NL", Pattern.compile("NL\\d{9}B\\d{2}")),
            Map.entry("PL", Pattern.compile("PL\\d{10}")),
            Map.entry("PT", Pattern.compile("PT\\d{9}")),
            Map.entry("RO", Pattern.compile("RO\\d{2,10}")),
            Map.entry("SE", Pattern.compile("SE\\d{10}01")),
            Map.entry("SI", Pattern.compile("SI\\d{8}")),
            Map.entry("SK", Pattern.compile("SK\\d{10}")),
            Map.entry("GB", Pattern.compile("GB(\\d{9}|\\d{12}|GD[0-4]\\d{2}|HA[5-9]\\d{2})"))));

    private EuVat() {
    }

    public static boolean isMemberState(String country) {
        return MEMBER_STATES.contains(country);
    }

    /** The countries whose tax id shape is checked (the member states and GB). */
    public static Set<String> checkedCountries() {
        return FORMATS.keySet();
    }

    /** The id as stored: upper case without spaces, dots or dashes. */
    public static String normalise(String taxId) {
        return taxId.replaceAll("[\\s.\\-]", "").toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * Why the id does not fit the country's shape, or empty when it does (or the country's shape is not checked
     * here: then only the registry can say).
     */
    public static Optional<String> formatProblem(String country, String normalisedTaxId) {
        Pattern format = FORMATS.get(country);
        if (format == null) {
            return Optional.empty();
        }
        String prefix = country.equals("GR") ? "EL" : country;
        if (!normalisedTaxId.startsWith(prefix)) {
            return Optional.of("a " + country + " VAT id starts with " + prefix);
        }
        return format.matcher(normalisedTaxId).matches() ? Optional.empty()
                : Optional.of("not the shape of a " + country + " VAT id (" + format.pattern() + ")");
    }
}

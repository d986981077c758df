package io.perennial.order;

import java.util.ArrayList;
import java.util.List;

/**
 * Where an order goes. Checked with {@link #problems()} rather than in the constructor, so an update validator can
 * refuse a bad address with a clear answer instead of failing to read it.
 *
 * @param countryCode ISO 3166-1 alpha-2, e.g. {@code NL}
 */
public record ShippingAddress(String recipient, String line1, String line2, String city, String postalCode,
                              String countryCode) {

    /** What is wrong with this address, one sentence per field; empty when it can be shipped to. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        required(problems, "recipient", recipient, 200);
        required(problems, "line1", line1, 200);
        if (line2 != null && line2.length() > 200) {
            problems.add("line2 is longer than 200 characters");
        } else if (line2 != null) {
            storable(problems, "line2", line2);
        }
        required(problems, "city", city, 100);
        required(problems, "postalCode", postalCode, 20);
        if (countryCode == null || !countryCode.matches("[A-Z]{2}")) {
            problems.add("countryCode must be an ISO 3166-1 alpha-2 code such as NL, was " + countryCode);
        }
        return problems;
    }

    private static void required(List<String> problems, String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required");
        } else if (value.length() > maxLength) {
            problems.add(field + " is longer than " + maxLength + " characters");
        } else {
            storable(problems, field, value);
        }
    }

    /**
     * The read models cannot hold a NUL or an unpaired UTF-16 surrogate; the API refuses both, and the update
     * validators (the only callers inside workflows, never replayed) refuse them too, whoever sends the update.
     */
    private static void storable(List<String> problems, String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (c == '\0' || Character.isSurrogate(c)) {
                problems.add(field + " holds a character that cannot be stored (NUL or an unpaired surrogate)");
                return;
            }
        }
    }
}

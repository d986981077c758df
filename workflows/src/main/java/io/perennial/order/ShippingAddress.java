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
        }
    }
}

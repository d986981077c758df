package io.perennial.risk;

import java.util.regex.Pattern;

/**
 * Which of an order's keys identify someone, for the velocity and refused-order rules. A payment provider's shared
 * test tokens ({@code pm_card_visa}, {@code pm_card_br}: Stripe's documented test PaymentMethods, used by every
 * test-mode account and by the simulated gateway) name a brand or a country, not one card; a loopback address is the
 * machine itself (the embedded mode, tests), not a client. Counting them would put every order of a test or demo in
 * review after three.
 */
final class ClientIdentity {

    private static final Pattern SHARED_TEST_CARD = Pattern.compile("pm_card_[a-z0-9_]+");

    private ClientIdentity() {
    }

    /** The card key to count by, or null when the token is a shared test card. */
    static String card(String paymentMethod) {
        return paymentMethod == null || SHARED_TEST_CARD.matcher(paymentMethod).matches() ? null : paymentMethod;
    }

    /** The IP to count by, or null when unknown or a loopback address. */
    static String ip(String clientIp) {
        if (clientIp == null || clientIp.isBlank()) {
            return null;
        }
        String ip = clientIp.strip();
        boolean loopback = ip.startsWith("127.") || ip.equals("::1") || ip.equals("0:0:0:0:0:0:0:1");
        return loopback ? null : ip;
    }
}

package io.perennial.billing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;

/**
 * The reference a bank transfer carries to pay one invoice: {@code PRN-XXXX-XXXX}, seven characters of Crockford's
 * base 32 (no I, L, O or U, so nothing reads as another) and a Luhn mod 32 check character, which catches any one
 * mistyped character and most swaps of two neighbours. A customer's bank may change the case, drop the dashes or
 * read 0 as O: {@link #parse} forgives that, and nothing else.
 */
public record BankReference(String value) {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int BASE = ALPHABET.length();
    private static final String PREFIX = "PRN";

    /** The reference of an invoice; {@code attempt} picks another one if an earlier attempt's was taken. */
    public static BankReference forInvoice(UUID invoiceId, int attempt) {
        byte[] hash = sha256(invoiceId + ":" + attempt);
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            bits = (bits << 8) | (hash[i] & 0xff);
        }
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            data.append(ALPHABET.charAt((int) (bits % BASE)));
            bits /= BASE;
        }
        String code = data.toString() + ALPHABET.charAt(checkCharacter(data));
        return new BankReference(PREFIX + "-" + code.substring(0, 4) + "-" + code.substring(4));
    }

    /** The reference a customer typed, normalised, if it is one with a valid check character. */
    public static Optional<BankReference> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        StringBuilder code = new StringBuilder();
        for (char c : typed.toUpperCase().toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                code.append(switch (c) {
                    case 'O' -> '0';
                    case 'I', 'L' -> '1';
                    default -> c;
                });
            }
        }
        if (code.length() != PREFIX.length() + 8 || !code.toString().startsWith(PREFIX)) {
            return Optional.empty();
        }
        String body = code.substring(PREFIX.length());
        for (char c : body.toCharArray()) {
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.empty();
            }
        }
        if (checkCharacter(body.substring(0, 7)) != ALPHABET.indexOf(body.charAt(7))) {
            return Optional.empty();
        }
        return Optional.of(new BankReference(PREFIX + "-" + body.substring(0, 4) + "-" + body.substring(4)));
    }

    /** Luhn mod N over the data characters, N = 32. */
    private static int checkCharacter(CharSequence data) {
        int factor = 2;
        int sum = 0;
        for (int i = data.length() - 1; i >= 0; i--) {
            int addend = factor * ALPHABET.indexOf(data.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / BASE + addend % BASE;
        }
        return (BASE - sum % BASE) % BASE;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

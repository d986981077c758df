package io.perennial.api.auth;

import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemException;
import jakarta.inject.Singleton;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be: 12 characters or more, at most 72 bytes of UTF-8 (all that bcrypt reads; a longer
 * one would be cut silently), not on the bundled list of common and breached passwords, not a run of one
 * character or a keyboard or alphabet sequence, and not the account's email.
 */
@Singleton
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_BYTES = 72;
    private static final String LIST = "/security/common-passwords.txt";
    private static final String SEQUENCES = "abcdefghijklmnopqrstuvwxyz 01234567890 qwertyuiopasdfghjklzxcvbnm";

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    /** Throws a 400 problem naming {@code /password} when the password is refused. */
    public void check(String password, String email) {
        why(password, email).ifPresent(reason -> {
            throw refused(reason);
        });
    }

    /** Why the password is refused, if it is. */
    public Optional<String> why(String password, String email) {
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("at least " + MIN_LENGTH + " characters");
        }
        if (tooLong(password)) {
            return Optional.of("at most " + MAX_BYTES + " bytes of UTF-8 (fewer characters outside ASCII)");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String stem = lower.replaceAll("[\\d\\p{Punct}\\s]+$", "");
        if (common.contains(lower) || (stem.length() >= 6 && common.stream().anyMatch(c -> c.startsWith(stem)
                && c.substring(stem.length()).matches("[\\d\\p{Punct}\\s]*")))) {
            return Optional.of("a common password that appears in breaches; choose another");
        }
        if (lower.chars().distinct().count() <= 2 || SEQUENCES.contains(lower)
                || new StringBuilder(SEQUENCES).reverse().toString().contains(lower)) {
            return Optional.of("too easy to guess: a repeat or a sequence");
        }
        String local = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        int at = local.indexOf('@');
        if (!local.isEmpty() && (lower.equals(local) || (at >= 4 && lower.contains(local.substring(0, at))))) {
            return Optional.of("must not contain the email address");
        }
        return Optional.empty();
    }

    /** bcrypt reads 72 bytes; anything longer cannot be a password this system hashed. */
    public static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }

    private static ProblemException refused(String reason) {
        return ApiProblems.invalidField("/password", "password: " + reason);
    }

    private static Set<String> load() {
        Set<String> passwords = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    passwords.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(passwords);
    }
}

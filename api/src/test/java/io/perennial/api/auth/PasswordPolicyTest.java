package io.perennial.api.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @ValueSource(strings = {"password1234", "Password1234!", "PASSWORD12345", "qwertyuiop123", "123456789012",
            "aaaaaaaaaaaaaaa", "abababababababab", "abcdefghijklmn", "987654321098", "correcthorsebatterystaple",
            "Welcome2025!!!", "iloveyou123456"})
    void commonBreachedOrTrivialPasswordsAreRefused(String password) {
        assertThat(policy.why(password, "ada@example.com")).isPresent();
    }

    @Test
    void shortPasswordsAndOnesBcryptWouldTruncateAreRefused() {
        assertThat(policy.why("short-pass1", "ada@example.com")).contains("at least 12 characters");
        String eightyBytes = "é".repeat(40);
        assertThat(policy.why(eightyBytes, "ada@example.com")).hasValueSatisfying(why -> assertThat(why).contains("72 bytes"));
        assertThat(PasswordPolicy.tooLong("x".repeat(72))).isFalse();
        assertThat(PasswordPolicy.tooLong("x".repeat(73))).isTrue();
    }

    @Test
    void aPasswordMadeOfTheEmailIsRefused() {
        assertThat(policy.why("lovelace-1815-x", "lovelace@example.com")).isPresent();
    }

    @Test
    void ordinaryStrongPasswordsPass() {
        assertThat(policy.why("correct-horse-battery", "ada@example.com")).isEmpty();
        assertThat(policy.why("Tr0ub4dor&3-violet", "ada@example.com")).isEmpty();
        assertThat(policy.why("ops-demo-password", "ops@perennial.local")).isEmpty();
        assertThat(policy.why("grüne Äpfel am Baum", "ada@example.com")).isEmpty();
    }
}

package io.perennial.acceptance;

import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.audit.AuditLog;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login flooding: after 3 failures an account is refused with 429 and Retry-After, even with the right password,
 * while other accounts still log in; after 8 failures from one address, that address is refused too.
 */
@PlatformTest(ownPlatform = true, properties = {
        "perennial.security.login-throttle.max-per-account=3",
        "perennial.security.login-throttle.max-per-address=8"})
class LoginThrottleTest {

    private TestPlatform platform;
    private ApiSession api;

    private HttpClientResponseException failedLogin(String email, String password) {
        return api.failure(() -> api.post(null, "/v1/auth/login", Map.of("email", email, "password", password)));
    }

    private void register(String email) {
        api.post(null, "/v1/auth/register", Map.of("email", email, "password", "correct-horse-battery",
                "name", "Test"));
    }

    @Test
    void floodingOneAccountLocksItOutForAWhileButNotOthersUntilTheAddressIsOverItsLimit() {
        String victim = "victim-" + UUID.randomUUID() + "@example.com";
        String bystander = "bystander-" + UUID.randomUUID() + "@example.com";
        register(victim);
        register(bystander);

        for (int i = 0; i < 3; i++) {
            assertThat(failedLogin(victim, "wrong-password-" + i).code()).isEqualTo(401);
        }
        HttpClientResponseException locked = failedLogin(victim, "correct-horse-battery");
        assertThat(locked.code()).isEqualTo(429);
        assertThat(Long.parseLong(locked.getResponse().header("Retry-After"))).isBetween(1L, 15 * 60L + 1);
        assertThat(ApiSession.problem(locked)).containsEntry("type", "https://perennial.dev/problems/too-many-logins");
        assertThat(platform.bean(AuditLog.class).findByTarget("account:" + victim))
                .hasSize(3).allSatisfy(entry -> assertThat(entry.action()).isEqualTo("login.failed"));

        // Another account from the same address is not affected.
        assertThat(api.login(bystander, "correct-horse-battery")).isNotBlank();

        // Five more failures on unknown accounts bring the address to 8: now everyone from it waits.
        for (int i = 0; i < 5; i++) {
            assertThat(failedLogin("nobody-" + i + "@example.com", "whatever-password").code()).isEqualTo(401);
        }
        assertThat(failedLogin(bystander, "correct-horse-battery").code()).isEqualTo(429);
    }
}

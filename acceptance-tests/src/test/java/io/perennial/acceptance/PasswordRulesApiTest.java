package io.perennial.acceptance;

import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.launcher.DemoAccounts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Registration refuses weak passwords with a field error; an over-long password is a wrong one, never a 500. */
@PlatformTest
class PasswordRulesApiTest {

    private ApiSession api;

    private HttpClientResponseException register(String email, String password) {
        return api.failure(() -> api.post(null, "/v1/auth/register",
                Map.of("email", email, "password", password, "name", "Ada")));
    }

    @Test
    void aCommonPasswordOrOneLongerThanBcryptReadsIsRefusedWithTheFieldNamed() {
        String email = "weak-" + UUID.randomUUID() + "@example.com";
        for (String password : List.of("password1234", "qwertyuiop123", "é".repeat(40))) {
            HttpClientResponseException refused = register(email, password);
            assertThat(refused.code()).as(password).isEqualTo(400);
            assertThat(ApiSession.problem(refused).get("errors")).asString().contains("/password");
        }
        assertThat(api.failure(() -> api.login(email, "correct-horse-battery")).code()).isEqualTo(401);
    }

    @Test
    void loggingInWithAPasswordOfMoreThan72BytesIsAWrongPasswordNotAServerError() {
        String token = api.newCustomer();
        assertThat(token).isNotBlank();
        HttpClientResponseException refused = api.failure(() -> api.login(DemoAccounts.OPS_EMAIL, "ü".repeat(60)));
        assertThat(refused.code()).isEqualTo(401);
        assertThat(ApiSession.problem(refused)).containsEntry("type",
                "https://perennial.dev/problems/invalid-credentials");
    }
}

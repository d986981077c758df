package io.perennial.api.auth;

import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(environments = "api", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthControllerTest implements TestPropertyProvider {

    static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        properties.put("micronaut.security.token.jwt.signatures.secret.generator.secret",
                java.util.HexFormat.of().formatHex(secret));
        properties.put("perennial.security.bcrypt-cost", "4");
        // application-api.yml binds 8080 (PORT); a test takes any free port, so a running platform cannot fail it.
        properties.put("micronaut.server.port", "-1");
        new java.security.SecureRandom().nextBytes(secret);
        properties.put("perennial.carrier.webhook.secret", java.util.HexFormat.of().formatHex(secret));
        return properties;
    }

    private static String email() {
        return "ada-" + UUID.randomUUID() + "@example.com";
    }

    private HttpResponse<Map<String, Object>> register(String email, String password) {
        return client.toBlocking().exchange(HttpRequest.POST("/v1/auth/register",
                Map.of("email", email, "password", password, "name", "Ada Lovelace")), JSON);
    }

    @Test
    void aCustomerRegistersAndLogsInToASignedShortLivedToken() throws Exception {
        String email = email();
        HttpResponse<Map<String, Object>> registered = register(email, "correct-horse-battery");
        assertThat(registered.code()).isEqualTo(201);
        assertThat(registered.body()).containsEntry("email", email).doesNotContainKey("password")
                .doesNotContainKey("passwordHash");

        Map<String, Object> token = client.toBlocking().retrieve(HttpRequest.POST("/v1/auth/login",
                Map.of("email", email.toUpperCase(), "password", "correct-horse-battery")), JSON);

        assertThat(token).containsEntry("tokenType", "Bearer").containsEntry("expiresIn", 900);
        var claims = SignedJWT.parse((String) token.get("accessToken")).getJWTClaimsSet();
        // The configured issuer and audience (perennial.security.tokens), not the application name.
        assertThat(claims.getIssuer()).isEqualTo("perennial");
        assertThat(claims.getAudience()).containsExactly("perennial-api");
        assertThat(claims.getSubject()).isNotBlank();
        assertThat(claims.getExpirationTime()).isNotNull();
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getStringClaim("customerId")).isEqualTo(registered.body().get("customerId"));
        assertThat(claims.getStringListClaim("roles")).containsExactly("CUSTOMER");
        assertThat((String) token.get("refreshToken")).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void theSameEmailCannotRegisterTwice() {
        String email = email();
        register(email, "correct-horse-battery");

        assertThatThrownBy(() -> register(email.toUpperCase(), "another-long-password"))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.getResponse().getBody(JSON).orElseThrow())
                            .containsEntry("type", "https://perennial.dev/problems/email-taken");
                });
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailAnswerTheSame() {
        String email = email();
        register(email, "correct-horse-battery");

        for (Map<String, String> attempt : List.of(Map.of("email", email, "password", "wrong-password-here"),
                Map.of("email", email(), "password", "correct-horse-battery"))) {
            assertThatThrownBy(() -> client.toBlocking().exchange(HttpRequest.POST("/v1/auth/login", attempt), JSON))
                    .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                        assertThat(e.code()).isEqualTo(401);
                        assertThat(e.getResponse().getBody(JSON).orElseThrow())
                                .containsEntry("type", "https://perennial.dev/problems/invalid-credentials")
                                .containsEntry("detail", "The email or password is wrong.");
                    });
        }
    }

    @Test
    void aShortPasswordAndAMalformedEmailAreRejectedFieldByField() {
        assertThatThrownBy(() -> register("not-an-email", "short"))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    Map<String, Object> problem = e.getResponse().getBody(JSON).orElseThrow();
                    assertThat(problem).containsEntry("type", "https://perennial.dev/problems/validation");
                    assertThat((List<Map<String, Object>>) problem.get("errors"))
                            .extracting(error -> error.get("pointer")).contains("/email", "/password");
                });
    }

    @Test
    void thePlanCatalogIsPublic() {
        List<Map<String, Object>> plans = client.toBlocking().retrieve(HttpRequest.GET("/v1/plans"),
                Argument.listOf(JSON));

        assertThat(plans).extracting(plan -> plan.get("id")).contains("plan_digital_monthly", "plan_digital_yearly");
        assertThat(plans).filteredOn(plan -> "plan_digital_monthly".equals(plan.get("id")))
                .singleElement().satisfies(plan -> {
                    assertThat(plan).containsEntry("version", 1).containsEntry("trialDays", 14)
                            .containsEntry("prices", List.of(Map.of("currency", "EUR", "amountMinor", 1299)))
                            .containsEntry("interval", Map.of("unit", "MONTH", "count", 1))
                            .containsEntry("trial", Map.of("unit", "DAY", "count", 14));
                });
    }
}

package io.perennial.acceptance;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.launcher.DemoAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Access tokens are accepted only when signed with our key and carrying our issuer, our audience, a subject and an
 * expiry in the future; refresh tokens are opaque, stored hashed, work once, and a reused one ends its whole
 * sign-in; only admins create staff and change roles, audited, and a role change ends the user's sign-ins; the API
 * refuses to start with a weak signing secret.
 */
@PlatformTest
class TokenSecurityTest {

    private static final String SECRET_PROPERTY = "micronaut.security.token.jwt.signatures.secret.generator.secret";
    private static final String PROBLEMS = "https://perennial.dev/problems/";

    private TestPlatform platform;
    private ApiSession api;
    /** The API signs with the UTF-8 bytes of the configured secret, so the test signs exactly as it does. */
    private byte[] secret;

    @BeforeAll
    void readTheSigningSecret() {
        secret = platform.context.getRequiredProperty(SECRET_PROPERTY, String.class).getBytes(StandardCharsets.UTF_8);
    }

    // ---- access tokens --------------------------------------------------------------------------------------

    @Test
    void aTokenSignedWithOurKeyAndCarryingEveryClaimIsAcceptedSoEachRefusalBelowIsAboutOneThing() {
        Customer ada = newCustomer();

        assertThat(profileStatus(signed(ada, claims -> { }, secret))).isEqualTo(200);
        assertThat(profileStatus(ada.accessToken())).isEqualTo(200);
    }

    @Test
    void anAccessTokenCarriesIssuerAudienceSubjectIssuedAtAndAShortExpiry() throws Exception {
        Customer ada = newCustomer();

        JWTClaimsSet claims = SignedJWT.parse(ada.accessToken()).getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("perennial");
        assertThat(claims.getAudience()).containsExactly("perennial-api");
        assertThat(claims.getSubject()).isNotBlank();
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(SignedJWT.parse(ada.accessToken()).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    }

    @Test
    void anUnsignedTokenWithAlgNoneIsRefused() {
        Customer ada = newCustomer();
        String unsigned = new PlainJWT(validClaims(ada).build()).serialize();

        assertUnauthenticated(unsigned);
    }

    @Test
    void aTokenWhoseClaimsWereChangedAfterSigningIsRefused() throws Exception {
        Customer ada = newCustomer();
        SignedJWT genuine = SignedJWT.parse(ada.accessToken());
        JWTClaimsSet promoted = new JWTClaimsSet.Builder(genuine.getJWTClaimsSet())
                .claim("roles", List.of("ADMIN")).build();
        String tampered = genuine.getHeader().toBase64URL() + "."
                + Base64URL.encode(promoted.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + genuine.getSignature();

        assertUnauthenticated(tampered);
        assertThat(api.failure(() -> api.get(tampered, "/v1/ops/gateway/outage")).code()).isEqualTo(401);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        Customer ada = newCustomer();

        assertUnauthenticated(signed(ada, claims -> { }, randomKey()));
    }

    @Test
    void anExpiredTokenIsRefused() {
        Customer ada = newCustomer();
        Instant issued = Instant.now().minus(Duration.ofMinutes(20));

        assertUnauthenticated(signed(ada, claims -> claims.issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(issued.plus(Duration.ofMinutes(15)))), secret));
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        Customer ada = newCustomer();

        assertUnauthenticated(signed(ada, claims -> claims.expirationTime(null), secret));
    }

    @Test
    void aTokenWithoutIssuedAtIsRefused() {
        Customer ada = newCustomer();

        assertUnauthenticated(signed(ada, claims -> claims.issueTime(null), secret));
    }

    @Test
    void aTokenForAnotherAudienceOrForNoneIsRefused() {
        Customer ada = newCustomer();

        assertUnauthenticated(signed(ada, claims -> claims.audience("billing-dashboard"), secret));
        assertUnauthenticated(signed(ada, claims -> claims.audience((String) null), secret));
    }

    @Test
    void aTokenFromAnotherIssuerOrFromNoneIsRefused() {
        Customer ada = newCustomer();

        assertUnauthenticated(signed(ada, claims -> claims.issuer("perennial-staging"), secret));
        assertUnauthenticated(signed(ada, claims -> claims.issuer(null), secret));
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        Customer ada = newCustomer();

        assertUnauthenticated(signed(ada, claims -> claims.subject(null), secret));
    }

    // ---- the signing secret ---------------------------------------------------------------------------------

    @Test
    void theApiRefusesToStartWithoutASecretOrWithAShortOrWellKnownOne() {
        assertRefusesToStart(Map.of(SECRET_PROPERTY, " "), "not set");
        assertRefusesToStart(Map.of(SECRET_PROPERTY, "0123456789abcdef0123456789abcde"), "248 bits");
        assertRefusesToStart(Map.of(SECRET_PROPERTY, "pleaseChangeThisSecretForANewOne"), "well-known");
        assertRefusesToStart(Map.of(SECRET_PROPERTY, "x".repeat(64)), "well-known");
        assertRefusesToStart(Map.of(SECRET_PROPERTY, "c2hvcnQ=",
                "micronaut.security.token.jwt.signatures.secret.generator.base64", true), "40 bits");
        if (System.getenv("JWT_SECRET") == null) {
            // The API's configuration reads ${JWT_SECRET}; here it is not set at all.
            assertRefusesToStart(Map.of(), "not set");
        }

        // The same start with a random 256-bit secret succeeds: the refusals are about the secret alone.
        try (ApplicationContext context = apiContext(Map.of(SECRET_PROPERTY, HexFormat.of().formatHex(randomKey())))) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    private void assertRefusesToStart(Map<String, Object> secretProperties, String reason) {
        assertThatThrownBy(() -> apiContext(secretProperties).close())
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Refusing to start: the JWT signing secret")
                .hasMessageContaining(reason);
    }

    /** The API alone (as ApiApplication runs it) against this test's database and Temporal. */
    private ApplicationContext apiContext(Map<String, Object> secretProperties) {
        Map<String, Object> properties = new HashMap<>(platform.stack.properties());
        properties.remove(SECRET_PROPERTY);
        properties.putAll(secretProperties);
        return ApplicationContext.builder().environments("api").properties(properties).start();
    }

    // ---- refresh tokens -------------------------------------------------------------------------------------

    @Test
    void aRefreshTokenIsExchangedForNewTokensAndWorksOnlyOnce() {
        Customer ada = newCustomer();

        Map<String, Object> renewed = refresh(ada.refreshToken());
        assertThat((String) renewed.get("refreshToken")).isNotEqualTo(ada.refreshToken())
                .matches("[A-Za-z0-9_-]{43}");
        assertThat(profileStatus((String) renewed.get("accessToken"))).isEqualTo(200);
        assertThat(renewed).containsEntry("tokenType", "Bearer").containsEntry("expiresIn", 900);

        Map<String, Object> again = refresh((String) renewed.get("refreshToken"));
        assertThat(profileStatus((String) again.get("accessToken"))).isEqualTo(200);
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeSignInButNotOthers() {
        Customer ada = newCustomer();
        String otherDevice = (String) login(ada.email(), ada.password()).get("refreshToken");
        String stolen = ada.refreshToken();
        String newest = (String) refresh(stolen).get("refreshToken");

        HttpClientResponseException reused = refreshFailure(stolen);
        assertThat(reused.code()).isEqualTo(401);
        assertThat(ApiSession.problem(reused)).containsEntry("type", PROBLEMS + "refresh-token-reused");

        // The legitimate holder's newest token is gone too: whoever has the family must sign in again.
        HttpClientResponseException afterRevocation = refreshFailure(newest);
        assertThat(afterRevocation.code()).isEqualTo(401);
        assertThat(ApiSession.problem(afterRevocation)).containsEntry("type", PROBLEMS + "invalid-refresh-token");
        assertThat(familyOf(newest)).hasSize(2).allSatisfy(row -> assertThat(row.revokedAt()).isNotNull());

        assertThat(platform.bean(AuditLog.class).findByTarget("account:" + ada.email()))
                .extracting(AuditEntry::action).contains("refresh-token.reused");
        // Another sign-in of the same account is not affected.
        assertThat(refresh(otherDevice)).containsKey("accessToken");
    }

    @Test
    void loggingOutRevokesTheRefreshToken() {
        Customer ada = newCustomer();

        HttpResponse<Map<String, Object>> loggedOut = api.post(null, "/v1/auth/logout",
                Map.of("refreshToken", ada.refreshToken()));
        assertThat(loggedOut.code()).isEqualTo(204);

        HttpClientResponseException refused = refreshFailure(ada.refreshToken());
        assertThat(refused.code()).isEqualTo(401);
        assertThat(ApiSession.problem(refused)).containsEntry("type", PROBLEMS + "invalid-refresh-token");
    }

    @Test
    void loggingOutEndsTheUsersAccessTokensAtOnceAndAnotherSignInRefreshesToANewOne() {
        Customer ada = newCustomer();
        Map<String, Object> otherDevice = login(ada.email(), ada.password());
        assertThat(api.get(ada.accessToken(), "/v1/customers/me")).containsKey("referralCode");

        api.post(null, "/v1/auth/logout", Map.of("refreshToken", ada.refreshToken()));

        for (String revoked : List.of(ada.accessToken(), (String) otherDevice.get("accessToken"))) {
            assertThat(api.failure(() -> api.get(revoked, "/v1/customers/me")).code()).isEqualTo(401);
        }
        String renewed = (String) refresh((String) otherDevice.get("refreshToken")).get("accessToken");
        assertThat(api.get(renewed, "/v1/customers/me")).containsKey("referralCode");
    }

    @Test
    void anExpiredRefreshTokenIsRefused() throws SQLException {
        Customer ada = newCustomer();
        update("UPDATE refresh_tokens SET issued_at = now() - interval '31 days', expires_at = now() - interval '1 day'"
                + " WHERE token_hash = ?", sha256(ada.refreshToken()));

        HttpClientResponseException refused = refreshFailure(ada.refreshToken());
        assertThat(refused.code()).isEqualTo(401);
        assertThat(ApiSession.problem(refused)).containsEntry("type", PROBLEMS + "invalid-refresh-token");
    }

    @Test
    void anUnknownRefreshTokenIsRefused() {
        HttpClientResponseException refused = refreshFailure("bm90LWEtcmVmcmVzaC10b2tlbi13ZS1ldmVyLWlzc3VlZA");
        assertThat(refused.code()).isEqualTo(401);
        assertThat(ApiSession.problem(refused)).containsEntry("type", PROBLEMS + "invalid-refresh-token");
    }

    @Test
    void refreshTokensAreStoredOnlyAsTheirSha256AndLiveThirtyDays() throws Exception {
        Customer ada = newCustomer();

        List<StoredToken> family = familyOf(ada.refreshToken());
        assertThat(family).singleElement().satisfies(row -> {
            assertThat(row.tokenHash()).isEqualTo(sha256(ada.refreshToken()));
            assertThat(Duration.between(row.issuedAt(), row.expiresAt())).isEqualTo(Duration.ofDays(30));
        });
        // Nowhere in the table, in any column, is the token itself.
        try (Connection connection = connection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM refresh_tokens t WHERE row_to_json(t)::text LIKE ?")) {
            query.setString(1, "%" + ada.refreshToken() + "%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).isZero();
            }
        }
    }

    // ---- staff accounts and roles ---------------------------------------------------------------------------

    @Test
    void anAdminCreatesAnOpsUserWhoMayUseOpsRoutesButNotAdminRoutes() {
        String admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String email = "ops-" + UUID.randomUUID() + "@example.com";

        HttpResponse<Map<String, Object>> created = api.post(admin, "/v1/admin/users",
                Map.of("email", email, "password", "a-long-ops-password", "role", "OPS"));
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.body()).containsEntry("email", email).containsEntry("role", "OPS")
                .doesNotContainKeys("password", "passwordHash");
        assertThat(created.header("Location")).isEqualTo("/v1/admin/users/" + created.body().get("id"));

        String ops = api.login(email, "a-long-ops-password");
        assertThat(api.get(ops, "/v1/ops/gateway/outage")).isNotNull();
        assertThat(api.failure(() -> api.post(ops, "/v1/admin/users",
                Map.of("email", "x-" + email, "password", "a-long-ops-password", "role", "ADMIN"))).code())
                .isEqualTo(403);
        assertThat(platform.bean(AuditLog.class).findByTarget("account:" + email))
                .singleElement().satisfies(entry -> {
                    assertThat(entry.action()).isEqualTo("user.created");
                    assertThat(entry.outcome()).isEqualTo("created as OPS");
                });
    }

    @Test
    void aRoleChangeIsAuditedAndEndsTheUsersSignIns() throws Exception {
        String admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String adminId = SignedJWT.parse(admin).getJWTClaimsSet().getSubject();
        String email = "ops-" + UUID.randomUUID() + "@example.com";
        String userId = (String) api.post(admin, "/v1/admin/users",
                Map.of("email", email, "password", "a-long-ops-password", "role", "OPS")).body().get("id");
        Map<String, Object> opsTokens = login(email, "a-long-ops-password");
        String opsRefresh = (String) opsTokens.get("refreshToken");
        String opsAccess = (String) opsTokens.get("accessToken");
        assertThat(api.get(opsAccess, "/v1/ops/orders")).containsKey("items");

        HttpResponse<Map<String, Object>> changed = api.put(admin, "/v1/admin/users/" + userId + "/role",
                Map.of("role", "ADMIN", "reason", "on call for the catalog"));
        assertThat(changed.body()).containsEntry("role", "ADMIN");

        assertThat(platform.bean(AuditLog.class).findByTarget("account:" + email))
                .filteredOn(entry -> entry.action().equals("user.role-changed"))
                .singleElement().satisfies(entry -> {
                    assertThat(entry.actor()).isEqualTo(adminId);
                    assertThat(entry.reason()).isEqualTo("on call for the catalog");
                    assertThat(entry.outcome()).startsWith("OPS -> ADMIN; 1 refresh token(s) revoked");
                });
        HttpClientResponseException refused = refreshFailure(opsRefresh);
        assertThat(refused.code()).isEqualTo(401);
        assertThat(api.failure(() -> api.get(opsAccess, "/v1/ops/orders")).code())
                .as("the access token of the old role ends with it").isEqualTo(401);
        assertThat(SignedJWT.parse(api.login(email, "a-long-ops-password")).getJWTClaimsSet()
                .getStringListClaim("roles")).containsExactly("ADMIN");
        assertThat(api.get(admin, "/v1/admin/users/" + userId)).containsEntry("role", "ADMIN");
    }

    @Test
    void customersAndOpsCannotManageUsersAndAnonymousCallersMustSignIn() {
        Customer ada = newCustomer();
        String ops = api.login(DemoAccounts.OPS_EMAIL, DemoAccounts.OPS_PASSWORD);
        String admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String opsId = (String) api.post(admin, "/v1/admin/users", Map.of("email",
                "ops-" + UUID.randomUUID() + "@example.com", "password", "a-long-ops-password", "role", "OPS"))
                .body().get("id");
        Map<String, Object> newAdmin = Map.of("email", "sneaky-" + UUID.randomUUID() + "@example.com",
                "password", "a-long-admin-password", "role", "ADMIN");

        for (String caller : List.of(ada.accessToken(), ops)) {
            assertThat(api.failure(() -> api.post(caller, "/v1/admin/users", newAdmin)).code()).isEqualTo(403);
            assertThat(api.failure(() -> api.put(caller, "/v1/admin/users/" + opsId + "/role",
                    Map.of("role", "ADMIN"))).code()).isEqualTo(403);
            assertThat(api.failure(() -> api.get(caller, "/v1/admin/users/" + opsId)).code()).isEqualTo(403);
        }
        assertThat(api.failure(() -> api.post(null, "/v1/admin/users", newAdmin)).code()).isEqualTo(401);
        assertThat(api.get(admin, "/v1/admin/users/" + opsId)).containsEntry("role", "OPS");
    }

    @Test
    void staffAreNeverCustomersAndAnAdminCannotChangeTheirOwnRole() throws Exception {
        String admin = api.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
        String adminId = SignedJWT.parse(admin).getJWTClaimsSet().getSubject();
        Customer ada = newCustomer();

        HttpClientResponseException customerRole = api.failure(() -> api.post(admin, "/v1/admin/users",
                Map.of("email", "c-" + UUID.randomUUID() + "@example.com", "password", "a-long-password",
                        "role", "CUSTOMER")));
        assertThat(customerRole.code()).isEqualTo(422);
        assertThat(ApiSession.problem(customerRole)).containsEntry("type", PROBLEMS + "invalid-role");

        HttpClientResponseException promoteCustomer = api.failure(() -> api.put(admin,
                "/v1/admin/users/" + ada.userId() + "/role", Map.of("role", "OPS")));
        assertThat(promoteCustomer.code()).isEqualTo(422);

        HttpClientResponseException own = api.failure(() -> api.put(admin, "/v1/admin/users/" + adminId + "/role",
                Map.of("role", "OPS")));
        assertThat(own.code()).isEqualTo(422);
        assertThat(ApiSession.problem(own)).containsEntry("type", PROBLEMS + "invalid-role");

        HttpClientResponseException taken = api.failure(() -> api.post(admin, "/v1/admin/users",
                Map.of("email", DemoAccounts.OPS_EMAIL, "password", "a-long-ops-password", "role", "OPS")));
        assertThat(taken.code()).isEqualTo(409);
    }

    @Test
    void selfRegistrationCannotChooseARole() throws Exception {
        String email = "mallory-" + UUID.randomUUID() + "@example.com";
        try {
            api.post(null, "/v1/auth/register", Map.of("email", email, "password", "correct-horse-battery",
                    "name", "Mallory", "role", "ADMIN"));
        } catch (HttpClientResponseException refused) {
            // Unknown fields may be refused outright; either way no admin comes of it.
            assertThat(refused.code()).isEqualTo(400);
            return;
        }
        assertThat(SignedJWT.parse(api.login(email, "correct-horse-battery")).getJWTClaimsSet()
                .getStringListClaim("roles")).containsExactly("CUSTOMER");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private record Customer(String email, String password, String userId, String accessToken, String refreshToken) {
    }

    private record StoredToken(String tokenHash, Instant issuedAt, Instant expiresAt, Instant revokedAt) {
    }

    private Customer newCustomer() {
        String email = "customer-" + UUID.randomUUID() + "@example.com";
        String password = "correct-horse-battery";
        api.post(null, "/v1/auth/register", Map.of("email", email, "password", password, "name", "Ada Lovelace"));
        Map<String, Object> tokens = login(email, password);
        String access = (String) tokens.get("accessToken");
        try {
            return new Customer(email, password, SignedJWT.parse(access).getJWTClaimsSet().getSubject(), access,
                    (String) tokens.get("refreshToken"));
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, Object> login(String email, String password) {
        return api.post(null, "/v1/auth/login", Map.of("email", email, "password", password)).body();
    }

    private Map<String, Object> refresh(String refreshToken) {
        return api.post(null, "/v1/auth/refresh", Map.of("refreshToken", refreshToken)).body();
    }

    private HttpClientResponseException refreshFailure(String refreshToken) {
        return api.failure(() -> refresh(refreshToken));
    }

    /** The status of asking for one's own profile with this token. */
    private int profileStatus(String token) {
        try {
            return platform.client.toBlocking().exchange(HttpRequest.GET("/v1/customers/me").bearerAuth(token),
                    ApiSession.JSON).code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    private void assertUnauthenticated(String token) {
        HttpClientResponseException refused = api.failure(() -> api.get(token, "/v1/customers/me"));
        assertThat(refused.code()).isEqualTo(401);
        assertThat(ApiSession.problem(refused)).containsEntry("type", PROBLEMS + "unauthenticated");
    }

    /** The claims of a genuine token of this customer, freshly timed: what the API itself would sign. */
    private JWTClaimsSet.Builder validClaims(Customer customer) {
        try {
            Instant now = Instant.now();
            return new JWTClaimsSet.Builder(SignedJWT.parse(customer.accessToken()).getJWTClaimsSet())
                    .issueTime(Date.from(now))
                    .notBeforeTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))));
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private String signed(Customer customer, Consumer<JWTClaimsSet.Builder> change, byte[] key) {
        JWTClaimsSet.Builder claims = validClaims(customer);
        change.accept(claims);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A plain connection to the platform's database, outside the application's transactions. */
    private Connection connection() throws SQLException {
        Map<String, Object> database = platform.stack.properties();
        return DriverManager.getConnection((String) database.get("datasources.default.url"),
                (String) database.get("datasources.default.username"),
                (String) database.get("datasources.default.password"));
    }

    private void update(String sql, String parameter) throws SQLException {
        try (Connection connection = connection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    /** Every stored token of the family the given token belongs to. */
    private List<StoredToken> familyOf(String refreshToken) {
        try (Connection connection = connection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT token_hash, issued_at, expires_at, revoked_at FROM refresh_tokens
                     WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = ?)
                     ORDER BY issued_at""")) {
            query.setString(1, sha256(refreshToken));
            List<StoredToken> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(new StoredToken(row.getString(1), row.getTimestamp(2).toInstant(),
                            row.getTimestamp(3).toInstant(),
                            row.getTimestamp(4) == null ? null : row.getTimestamp(4).toInstant()));
                }
            }
            return rows;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

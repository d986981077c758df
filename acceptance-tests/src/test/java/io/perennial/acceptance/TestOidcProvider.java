package io.perennial.acceptance;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real OpenID Connect provider (NAV's mock-oauth2-server: discovery, authorize, token, JWKS) in the test's JVM on
 * a free port, one per JVM. Every test platform is configured with it as the portal's provider {@value #NAME}, so
 * the shared platform has a "Sign in with" button; the embedded default and a deployment have none until one is
 * configured. Which claims the next sign-in's ID token carries is the test's choice ({@link #nextSignIn}).
 */
final class TestOidcProvider {

    static final String NAME = "idp";
    static final String CLIENT_ID = "perennial-portal";

    private static MockOAuth2Server server;

    private TestOidcProvider() {
    }

    private static synchronized MockOAuth2Server server() {
        if (server == null) {
            MockOAuth2Server started = new MockOAuth2Server();
            started.start(FreePort.find());
            server = started;
        }
        return server;
    }

    /** The platform's configuration of the provider. */
    static Map<String, Object> properties() {
        String prefix = "micronaut.security.oauth2.clients." + NAME + ".";
        return Map.of(prefix + "client-id", CLIENT_ID,
                prefix + "client-secret", "a-client-secret-the-mock-server-accepts",
                prefix + "openid.issuer", issuer(),
                // The portal signs out of itself only; no provider logout route.
                prefix + "openid.end-session.enabled", false);
    }

    static String issuer() {
        return server().issuerUrl(NAME).toString();
    }

    /** The claims of the ID token the provider issues on its next code exchange. */
    static void nextSignIn(String subject, String email, boolean emailVerified) {
        Map<String, Object> claims = new HashMap<>(Map.of("email", email, "email_verified", emailVerified,
                "name", "Mei Chen"));
        server().enqueueCallback(new DefaultOAuth2TokenCallback(NAME, subject, "JWT", List.of(CLIENT_ID), claims,
                3600));
    }

    /** An ID token of the provider's, signed with its key, as a client of the provider would hold one. */
    static String idToken(String subject) {
        return server().issueToken(NAME, CLIENT_ID, new DefaultOAuth2TokenCallback(NAME, subject, "JWT",
                List.of(CLIENT_ID), Map.of("email", "someone@example.com"), 3600)).serialize();
    }
}

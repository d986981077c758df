package io.perennial.api.auth;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.perennial.api.problem.ApiProblems;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.customer.UserAccount;
import io.perennial.customer.UserAccountRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokens of a sign-in: a short-lived JWT access token and an opaque refresh token, issued at login and renewed
 * (both) at every refresh. A refresh reads the account again, so a new access token carries its current role and
 * token version ({@link TokenVersions}).
 */
@Singleton
public class SessionTokens {
    private static final Logger log = LoggerFactory.getLogger(SessionTokens.class);

    private final AccessRefreshTokenGenerator accessTokens;
    private final RefreshTokens refreshTokens;
    private final UserAccountRepository users;
    private final AuditLog audit;
    private final TokenVersions versions;

    public SessionTokens(AccessRefreshTokenGenerator accessTokens, RefreshTokens refreshTokens,
                         UserAccountRepository users, AuditLog audit, TokenVersions versions) {
        this.versions = versions;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.audit = audit;
    }

    /** After a successful login: a new family of refresh tokens. */
    public TokenResponse signIn(UserAccount user) {
        return tokens(user, refreshTokens.startFamily(user.id()));
    }

    public TokenResponse refresh(String refreshToken, String clientAddress) {
        RefreshTokens.Exchange exchange = refreshTokens.exchange(refreshToken);
        if (exchange instanceof RefreshTokens.Exchange.Rotated rotated) {
            return users.findById(rotated.userId())
                    .map(user -> tokens(user, rotated.nextToken()))
                    .orElseThrow(ApiProblems::invalidRefreshToken);
        }
        if (exchange instanceof RefreshTokens.Exchange.Reused reused) {
            String account = users.findById(reused.userId())
                    .map(user -> UserAdministration.auditTarget(user.email()))
                    .orElse("user:" + reused.userId());
            log.warn("Refresh token reused for {}; family {} revoked", account, reused.familyId());
            audit.save(AuditEntry.of(clientAddress, "refresh-token.reused", account, null,
                    "family " + reused.familyId() + " revoked"));
            throw ApiProblems.refreshTokenReused();
        }
        throw ApiProblems.invalidRefreshToken();
    }

    /** Logout: the sign-in's refresh token and every access token the user holds stop working. */
    public void signOut(String refreshToken) {
        refreshTokens.revokeFamilyOf(refreshToken).ifPresent(versions::revokeAccessTokens);
    }

    /** The refresh token of a sign-in that needs none (the codec's cookie session); its access token lives on. */
    public void dropRefreshToken(String refreshToken) {
        refreshTokens.revokeFamilyOf(refreshToken);
    }

    private TokenResponse tokens(UserAccount user, String refreshToken) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("email", user.email());
        claims.put(TokenVersions.CLAIM, versions.forNewToken(user.id()));
        CurrentUser.addAccountClaims(claims, user);
        Authentication authentication = Authentication.build(user.id().toString(), List.of(user.role().name()), claims);
        var token = accessTokens.generate(authentication)
                .orElseThrow(() -> new IllegalStateException("no access token generator configured"));
        return new TokenResponse(token.getAccessToken(), "Bearer", token.getExpiresIn(), refreshToken);
    }
}

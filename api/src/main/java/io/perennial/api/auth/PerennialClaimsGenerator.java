package io.perennial.api.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.ApplicationConfiguration;
import io.micronaut.security.token.claims.ClaimsAudienceProvider;
import io.micronaut.security.token.claims.JtiGenerator;
import io.micronaut.security.token.config.TokenConfiguration;
import io.micronaut.security.token.jwt.generator.claims.JWTClaimsSetGenerator;
import jakarta.inject.Singleton;

/**
 * Micronaut's claims (exp, iat, nbf, sub, roles) with our configured issuer and audience. Micronaut would use the
 * application name as {@code iss}, which differs between the API alone and the embedded launcher, and sets no
 * {@code aud} unless asked.
 */
@Singleton
@Replaces(JWTClaimsSetGenerator.class)
public class PerennialClaimsGenerator extends JWTClaimsSetGenerator {

    private final TokenSettings settings;

    public PerennialClaimsGenerator(TokenConfiguration tokenConfiguration, @Nullable JtiGenerator jtiGenerator,
                                    @Nullable ClaimsAudienceProvider audienceProvider,
                                    @Nullable ApplicationConfiguration applicationConfiguration,
                                    TokenSettings settings) {
        super(tokenConfiguration, jtiGenerator, audienceProvider, applicationConfiguration);
        this.settings = settings;
    }

    @Override
    protected void populateIss(JWTClaimsSet.Builder builder) {
        builder.issuer(settings.issuer());
    }

    @Override
    protected void populateAud(JWTClaimsSet.Builder builder) {
        builder.audience(settings.audience());
    }
}

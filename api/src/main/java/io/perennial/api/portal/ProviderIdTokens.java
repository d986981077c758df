package io.perennial.api.portal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.oauth2.client.OpenIdProviderMetadata;
import io.micronaut.security.oauth2.configuration.OauthClientConfiguration;
import io.micronaut.security.oauth2.endpoint.token.response.JWTOpenIdClaims;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdClaims;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import io.micronaut.security.oauth2.endpoint.token.response.validation.NonceClaimValidator;
import io.micronaut.security.oauth2.endpoint.token.response.validation.OpenIdClaimsValidator;
import io.micronaut.security.oauth2.endpoint.token.response.validation.ReactiveOpenIdTokenResponseValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * Checks a provider's ID token: its signature against the provider's own JWKS only, expiry, then Micronaut's OpenID
 * claim checks (issuer, audience, authorized party) and the nonce of this sign-in.
 *
 * <p>Why not Micronaut's own validator: it runs the ID token through the application's JWT validator, the one that
 * checks the JSON API's bearer tokens, with our issuer and audience and the token-version check, which a
 * provider's token can never pass (and must not: it is not an access token here). Loosening those rules for ID
 * tokens would loosen them for bearer tokens too; this keeps the two apart.
 */
@Singleton
@Replaces(ReactiveOpenIdTokenResponseValidator.class)
public class ProviderIdTokens implements ReactiveOpenIdTokenResponseValidator<JWT> {

    private static final Logger log = LoggerFactory.getLogger(ProviderIdTokens.class);

    private final Collection<OpenIdClaimsValidator> claimsValidators;
    private final NonceClaimValidator nonces;
    private final ExecutorService blocking;
    private final Map<String, JWKSource<SecurityContext>> keySets = new ConcurrentHashMap<>();

    public ProviderIdTokens(Collection<OpenIdClaimsValidator> claimsValidators, NonceClaimValidator nonces,
                            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.claimsValidators = claimsValidators;
        this.nonces = nonces;
        this.blocking = blocking;
    }

    @Override
    public Publisher<JWT> validate(OauthClientConfiguration client, OpenIdProviderMetadata provider,
                                   OpenIdTokenResponse response, @Nullable String nonce) {
        // Fetching the key set (cached, refreshed by Nimbus) blocks: not on an event loop.
        return Mono.fromCallable(() -> verified(client, provider, response.getIdToken(), nonce))
                .subscribeOn(Schedulers.fromExecutorService(blocking))
                .flatMap(Mono::justOrEmpty);
    }

    private java.util.Optional<JWT> verified(OauthClientConfiguration client, OpenIdProviderMetadata provider,
                                             String idToken, @Nullable String nonce) {
        try {
            JWT jwt = JWTParser.parse(idToken);
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms(provider),
                    keySets.computeIfAbsent(provider.getJwksUri(), ProviderIdTokens::keySet)));
            // Signature, then exp and nbf (with Nimbus's minute of clock skew).
            JWTClaimsSet claimsSet = processor.process(jwt, null);
            OpenIdClaims claims = new JWTOpenIdClaims(claimsSet);
            if (claimsValidators.stream().allMatch(check -> check.validate(claims, client, provider))
                    && nonces.validate(claims, client, provider, nonce)) {
                return java.util.Optional.of(jwt);
            }
            log.warn("Refused an ID token of provider {}: issuer, audience, authorized party or nonce do not match",
                    client.getName());
        } catch (Exception e) {
            log.warn("Refused an ID token of provider {}: {}", client.getName(), e.getMessage());
        }
        return java.util.Optional.empty();
    }

    /** The provider's announced algorithms, asymmetric only: a shared-secret algorithm would verify with nothing. */
    private static Set<JWSAlgorithm> algorithms(OpenIdProviderMetadata provider) {
        List<String> announced = provider.getIdTokenSigningAlgValuesSupported();
        Set<JWSAlgorithm> algorithms = (announced == null ? List.of("RS256") : announced).stream()
                .map(JWSAlgorithm::parse)
                .filter(algorithm -> JWSAlgorithm.Family.RSA.contains(algorithm)
                        || JWSAlgorithm.Family.EC.contains(algorithm) || JWSAlgorithm.Family.ED.contains(algorithm))
                .collect(Collectors.toSet());
        return algorithms.isEmpty() ? Set.of(JWSAlgorithm.RS256) : algorithms;
    }

    private static JWKSource<SecurityContext> keySet(String jwksUri) {
        try {
            return JWKSourceBuilder.create(URI.create(jwksUri).toURL()).build();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("the provider's jwks_uri is no URL: " + jwksUri, e);
        }
    }
}

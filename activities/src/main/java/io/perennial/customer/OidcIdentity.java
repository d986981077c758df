package io.perennial.customer;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** An OpenID Connect provider's subject linked to the account it signs in as. */
@MappedEntity("oidc_identities")
public record OidcIdentity(@Id UUID id, String provider, String subject, UUID userId, Instant linkedAt) {
}

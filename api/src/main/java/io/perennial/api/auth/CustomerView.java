package io.perennial.api.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

@Serdeable
/** @param referralCode what this customer gives friends to sign up with; they earn account credit for it */
public record CustomerView(UUID customerId, String email, String name, @Nullable String referralCode) {
}

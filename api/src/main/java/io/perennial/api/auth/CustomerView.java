package io.perennial.api.auth;

import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

@Serdeable
public record CustomerView(UUID customerId, String email, String name) {
}

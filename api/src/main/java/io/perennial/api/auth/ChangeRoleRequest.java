package io.perennial.api.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.customer.Role;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** @param reason kept in the audit log */
@Serdeable
public record ChangeRoleRequest(@NotNull Role role, @Nullable @Size(max = 500) String reason) {
}

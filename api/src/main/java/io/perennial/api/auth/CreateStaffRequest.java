package io.perennial.api.auth;

import io.micronaut.serde.annotation.Serdeable;
import io.perennial.customer.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A staff account an admin creates, with its first password. @param role OPS or ADMIN */
@Serdeable
public record CreateStaffRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(min = 12, max = 128) String password,
        @NotNull Role role) {
}

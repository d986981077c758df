package io.perennial.api.subscription;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Serdeable
public record ChangePlanRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9_]+") String planId) {
}

package io.perennial.api.subscription;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new payment method token; a past-due subscription is charged with it at once. */
@Serdeable
public record UpdatePaymentMethodRequest(
        @NotBlank @Size(max = 128) @Pattern(regexp = "pm_[A-Za-z0-9_]+") String paymentMethod) {
}

package io.perennial.api.subscription;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * @param paymentMethod a payment method token from the provider, e.g. {@code pm_card_visa}
 */
@Serdeable
public record CreateSubscriptionRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9_]+") String planId,
        @NotBlank @Size(max = 128) @Pattern(regexp = "pm_[A-Za-z0-9_]+") String paymentMethod) {
}

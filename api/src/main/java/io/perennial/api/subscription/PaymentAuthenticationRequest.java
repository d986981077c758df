package io.perennial.api.subscription;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The customer's answer on the simulated provider's authentication page, for a subscription's payment or an order's:
 * {@code approve} or {@code fail}.
 */
@Serdeable
public record PaymentAuthenticationRequest(@NotNull @Pattern(regexp = "approve|fail") String outcome) {

    public boolean approves() {
        return "approve".equals(outcome);
    }
}

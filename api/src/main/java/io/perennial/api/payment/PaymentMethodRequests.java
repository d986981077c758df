package io.perennial.api.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.payment.SavedPaymentMethod;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** The bodies of {@code /v1/payment-methods}. */
public final class PaymentMethodRequests {
    private PaymentMethodRequests() {
    }

    /**
     * A payment method to save: the provider's token (e.g. {@code pm_card_visa}, as its checkout element gives it)
     * and an optional label for the customer's own use.
     */
    @Serdeable
    public record SavePaymentMethod(
            @NotBlank @Size(max = 128) @Pattern(regexp = "pm_(?!saved_)[A-Za-z0-9_]+") String token,
            @Nullable @Size(max = 60) String label) {
    }

    /** A saved method as its owner sees it: never the provider's token; {@code isDefault} for their default. */
    @Serdeable
    public record PaymentMethodView(String id, @Nullable String label, Instant createdAt, boolean isDefault) {
        public static PaymentMethodView of(SavedPaymentMethod method, boolean isDefault) {
            return new PaymentMethodView(method.id(), method.label(), method.createdAt(), isDefault);
        }
    }

    @Serdeable
    public record PaymentMethodList(java.util.List<PaymentMethodView> items) {
    }
}

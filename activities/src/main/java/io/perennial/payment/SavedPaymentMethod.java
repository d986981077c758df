package io.perennial.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A payment method a customer saved: the provider's token under an id of ours ({@code pm_saved_…}), which the
 * customer can name instead of the token when subscribing, ordering or switching cards. {@code defaultSince}: when
 * the customer made it their default (the live method made default last is the default).
 */
@MappedEntity("payment_methods")
public record SavedPaymentMethod(@Id String id, UUID customerId, String gatewayToken, @Nullable String label,
                                 Instant createdAt, @Nullable Instant removedAt,
                                 @Nullable Instant defaultSince) {

    public static final String ID_PREFIX = "pm_saved_";

    /** A new method; the id is random, so it says nothing about the token or the customer. */
    public static SavedPaymentMethod save(UUID customerId, String gatewayToken, @Nullable String label, Instant now) {
        UUID random = UUID.randomUUID();
        String hex = HexFormat.of().toHexDigits(random.getMostSignificantBits())
                + HexFormat.of().toHexDigits(random.getLeastSignificantBits());
        return new SavedPaymentMethod(ID_PREFIX + hex, customerId, gatewayToken, label, now, null, null);
    }

    public static boolean isSavedId(String paymentMethod) {
        return paymentMethod != null && paymentMethod.startsWith(ID_PREFIX);
    }
}

package io.perennial.payment;

import io.micronaut.core.annotation.Nullable;

/** The provider's answer. A decline is an answer, not an error. */
public record GatewayResult(String reference, boolean approved, @Nullable String declineCode, @Nullable String message) {

    public static GatewayResult approved(String reference) {
        return new GatewayResult(reference, true, null, null);
    }

    public static GatewayResult declined(String reference, String declineCode, String message) {
        return new GatewayResult(reference, false, declineCode, message);
    }
}

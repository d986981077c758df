package io.perennial.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A session of the simulated provider's redirect page, as its ledger holds it. */
@MappedEntity("simulated_redirect_sessions")
public record RedirectPageSession(@Id String reference, String idempotencyKey, String method, long amountMinor,
                                  String currency, String returnUrl, Instant expiresAt, String status,
                                  @Nullable Instant answeredAt, Instant createdAt) {

    public static final String AWAITING_CUSTOMER = "AWAITING_CUSTOMER";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String EXPIRED = "EXPIRED";

    /** The decline code the provider's event carries for a session that did not succeed. */
    @Nullable
    public String declineCode() {
        return switch (status) {
            case FAILED -> DeclineCodes.REDIRECT_FAILED;
            case EXPIRED -> DeclineCodes.REDIRECT_EXPIRED;
            default -> null;
        };
    }
}

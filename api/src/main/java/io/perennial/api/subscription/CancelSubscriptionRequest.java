package io.perennial.api.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.subscription.CancelTiming;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * @param timing       {@code AT_PERIOD_END} (default) or {@code IMMEDIATELY}
 * @param reason       a short reason code, e.g. {@code too_expensive}
 * @param refundUnused with {@code IMMEDIATELY}: refund the unused part of the paid period, prorated by the second
 */
@Serdeable
public record CancelSubscriptionRequest(@Nullable CancelTiming timing,
                                        @Nullable @Size(max = 64) @Pattern(regexp = "[a-z0-9_]+") String reason,
                                        @Nullable Boolean refundUnused) {
}

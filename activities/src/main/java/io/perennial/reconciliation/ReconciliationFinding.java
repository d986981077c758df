package io.perennial.reconciliation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * One charge a sweep found in doubt: what the provider said ({@code SUCCEEDED}, {@code DECLINED}, {@code NOT_BOOKED},
 * {@code UNREACHABLE}, or {@code UNKNOWN} when storing its answer failed on our side) and what the sweep did
 * ({@code SETTLED}, {@code REFUNDED}, {@code REFUND_PENDING}, {@code REFUND_REFUSED}, {@code ABANDONED}, {@code NONE}).
 *
 * @param kind           {@link #SUBSCRIPTION}: a subscription's charge ({@code payments}, {@code subscriptionId} set);
 *                       {@link #ORDER}: an order's ({@code order_payments}, {@code orderId} set)
 * @param paymentId      the charge's row in the table its kind names
 */
@MappedEntity("reconciliation_findings")
public record ReconciliationFinding(@Id UUID id, UUID runId, UUID paymentId, String idempotencyKey,
                                    @Nullable UUID subscriptionId, long amountMinor, String currency,
                                    String providerSaid, String fix, Instant createdAt, String kind,
                                    @Nullable String orderId) {

    public static final String SUBSCRIPTION = "SUBSCRIPTION";
    public static final String ORDER = "ORDER";
}

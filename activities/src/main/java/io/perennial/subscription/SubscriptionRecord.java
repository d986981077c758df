package io.perennial.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of the subscriptions read model.
 *
 * @param accessUntil     the customer may use the service until then (end of the paid period or trial)
 * @param nextRetryAt     when past due: the next scheduled retry of the overdue invoice
 * @param scheduledPlanId a downgrade that takes effect at the end of the current period
 * @param amountMinor     what a period costs this subscription before discounts (the plan's price times
 *                        {@code quantity}); null until the workflow says
 * @param quantity        how many units of the plan each period bills (seats, or boxes per period)
 * @param couponInvoicesLeft how many more invoices the coupon discounts; -1 for as long as the subscription lives
 * @param planVersion     the catalog version of the plan whose price this subscriber pays
 * @param scheduledPlanVersion the version a scheduled downgrade or price migration moves to
 * @param paymentIssue    when past due: {@code declined}, {@code gateway_unavailable}, {@code payment_method_unusable} or
 *                        {@code authentication_required}
 * @param paymentIssueSince when collecting the overdue invoice first failed
 * @param paymentAttempts how many times the overdue invoice has been tried
 * @param nextActionType  what the customer must do before the overdue payment settles ({@code authenticate_payment})
 * @param nextActionPaymentKey the key of the charge waiting for the customer
 * @param nextActionExpiresAt the customer's deadline
 * @param riskReview      the first charge's risk review when it was held for one: {@code IN_REVIEW}, {@code APPROVED}
 *                        or {@code REFUSED}; null when none was needed
 */
@MappedEntity("subscriptions")
public record SubscriptionRecord(
        @Id UUID id,
        UUID customerId,
        String planId,
        String workflowId,
        SubscriptionStatus status,
        @Nullable Instant trialEnd,
        @Nullable Integer currentPeriod,
        @Nullable Instant currentPeriodStart,
        @Nullable Instant currentPeriodEnd,
        @Nullable Instant nextBillingAt,
        boolean cancelAtPeriodEnd,
        @Nullable Instant canceledAt,
        @Nullable String cancelReason,
        int failedPaymentCount,
        @Nullable Instant accessUntil,
        @Nullable Instant nextRetryAt,
        boolean pauseAtPeriodEnd,
        @Nullable Instant pausedAt,
        @Nullable Instant resumeAt,
        @Nullable String scheduledPlanId,
        @Nullable Long amountMinor,
        int quantity,
        @Nullable String currency,
        @Nullable String couponCode,
        @Nullable Integer couponInvoicesLeft,
        @Nullable Integer planVersion,
        @Nullable Integer scheduledPlanVersion,
        @Nullable String paymentIssue,
        @Nullable Instant paymentIssueSince,
        @Nullable Integer paymentAttempts,
        @Nullable String nextActionType,
        @Nullable String nextActionPaymentKey,
        @Nullable Instant nextActionExpiresAt,
        @Nullable String riskReview,
        long revision,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * The row {@link SubscriptionRecordRepository#insertStarted} writes (revision 0), as the API answers a create with
     * it without reading it back: the plan, version, price and status it started with, everything else empty.
     */
    public static SubscriptionRecord started(UUID id, UUID customerId, String planId, int planVersion,
                                             long amountMinor, int quantity, String currency, String workflowId,
                                             SubscriptionStatus status, Instant createdAt) {
        return new SubscriptionRecord(id, customerId, planId, workflowId, status, null, null, null, null, null, false,
                null, null, 0, null, null, false, null, null, null, amountMinor, quantity, currency, null, null,
                planVersion, null, null, null, null, null, null, null, null, 0, createdAt, createdAt);
    }
}

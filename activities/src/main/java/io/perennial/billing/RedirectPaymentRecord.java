package io.perennial.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * A redirect payment (Alipay, WeChat Pay) of a sent invoice: one session at the provider, under our key.
 *
 * @param status AWAITING_CUSTOMER (OPENING while the provider is asked), then PAID (it paid the invoice:
 *               {@code paymentId}), FAILED or EXPIRED; or, when the provider took money for an invoice that was no
 *               longer open, REFUNDING, then REFUNDED or REFUND_FAILED
 */
@MappedEntity("redirect_payments")
public record RedirectPaymentRecord(@Id String paymentKey, UUID invoiceId, String method, int attempt,
                                    long amountMinor, String currency, @Nullable String providerReference,
                                    @Nullable String redirectUrl, @Nullable Instant expiresAt, String status,
                                    @Nullable String declineCode, @Nullable UUID paymentId,
                                    @Nullable String refundReference, Instant createdAt, Instant updatedAt) {

    public static final String OPENING = "OPENING";
    public static final String AWAITING_CUSTOMER = "AWAITING_CUSTOMER";
    public static final String PAID = "PAID";
    public static final String FAILED = "FAILED";
    public static final String EXPIRED = "EXPIRED";
    public static final String REFUNDING = "REFUNDING";
    public static final String REFUNDED = "REFUNDED";
    public static final String REFUND_FAILED = "REFUND_FAILED";

    /** A session the customer may still answer at {@code now}. */
    public boolean awaitsCustomer(Instant now) {
        return AWAITING_CUSTOMER.equals(status) && expiresAt != null && expiresAt.isAfter(now);
    }

    public RedirectPaymentSession session() {
        return new RedirectPaymentSession(invoiceId.toString(), method, paymentKey, redirectUrl, expiresAt, status);
    }
}

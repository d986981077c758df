package io.perennial.api.billing;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * A redirect payment of a sent invoice: send the customer to {@code redirectUrl} (the provider's page) before
 * {@code expiresAt}. The invoice shows {@code PAID} once the provider's confirmation arrived, asynchronously.
 */
@Serdeable
public record RedirectPaymentView(String invoiceId,
                                  @Schema(allowableValues = {"alipay", "wechat_pay"}) String method,
                                  String paymentKey, String redirectUrl, Instant expiresAt,
                                  @Schema(allowableValues = {"AWAITING_CUSTOMER", "PAID", "FAILED", "EXPIRED",
                                          "REFUNDING", "REFUNDED", "REFUND_FAILED"}) String status) {
}

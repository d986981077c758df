package io.perennial.payment;

import java.util.UUID;

/**
 * A payment the customer makes on the provider's own page (Alipay, WeChat Pay): the provider opens a session, the
 * customer is sent there and back to {@code returnUrl}, and the provider confirms the outcome afterwards by its own
 * event. {@code idempotencyKey} ({@code {invoiceId}:redirect:{method}}) gives the same session when asked twice.
 */
public record RedirectCharge(String idempotencyKey, long amountMinor, String currency, String method,
                             String returnUrl, UUID invoiceId, UUID customerId) {
}

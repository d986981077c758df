package io.perennial.order;

import java.time.Instant;

/** Takes an order's amount from the customer's payment method, once. */
public record OrderCharge(String orderId, String customerId, long amountMinor, String currency, String paymentMethod,
                          Instant businessTime) {

    /** From the order's identity, never a run id: a retried or reset workflow charges under the same key. */
    public String idempotencyKey() {
        return "order-" + orderId + ":charge";
    }
}

package io.perennial.order;

import io.perennial.payment.AuthenticationOffer;

import java.time.Instant;

/**
 * Takes an order's amount from the customer's payment method, once.
 *
 * @param offer whether a charge the issuer asks the customer to authenticate waits for them ({@link OrderPayment});
 *              null (inputs from before) is {@link AuthenticationOffer#NONE}: such a charge is a decline
 */
public record OrderCharge(String orderId, String customerId, long amountMinor, String currency, String paymentMethod,
                          Instant businessTime, AuthenticationOffer offer) {

    public OrderCharge {
        offer = offer == null ? AuthenticationOffer.NONE : offer;
    }

    /** A charge that never waits for the customer. */
    public OrderCharge(String orderId, String customerId, long amountMinor, String currency, String paymentMethod,
                       Instant businessTime) {
        this(orderId, customerId, amountMinor, currency, paymentMethod, businessTime, AuthenticationOffer.NONE);
    }

    /** From the order's identity, never a run id: a retried or reset workflow charges under the same key. */
    public String idempotencyKey() {
        return "order-" + orderId + ":charge";
    }
}

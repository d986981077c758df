package io.perennial.order;

import io.perennial.payment.AuthenticationOffer;
import io.perennial.payment.ChargeReceipt;
import io.perennial.payment.PaymentDecline;
import io.perennial.payment.PaymentFailures;
import io.perennial.payment.RefundReceipt;
import io.temporal.failure.ApplicationFailure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Charges each key once; declines {@code pm_card_declined}; refunds what was charged, once. A charge with
 * {@code pm_card_authenticationRequired} asks the customer to authenticate it until {@link #customerAnswers}; once its
 * request is closed ({@link AuthenticationOffer#EXPIRED}) an answer comes too late.
 */
public final class FakeOrderPayments implements OrderPaymentActivities {
    static final String AUTHENTICATION_REQUIRED = "pm_card_authenticationRequired";
    private final Map<String, ChargeReceipt> charges = new ConcurrentHashMap<>();
    /** The customer's answer by charge key: true approved, false failed. */
    private final Map<String, Boolean> answers = new ConcurrentHashMap<>();
    private final Map<String, Boolean> closed = new ConcurrentHashMap<>();
    private final List<AuthenticationOffer> authenticationCalls = new CopyOnWriteArrayList<>();
    private final Map<String, RefundReceipt> refunds = new ConcurrentHashMap<>();
    private final List<String> refundCalls = new CopyOnWriteArrayList<>();
    private volatile boolean refusesRefunds;

    /** The provider refuses every refund, as it would one for more than was charged. */
    FakeOrderPayments refuseRefunds() {
        this.refusesRefunds = true;
        return this;
    }

    /** The customer approves or fails the charge of {@code orderId} at the provider; too late once it is closed. */
    void customerAnswers(String orderId, boolean approve) {
        String key = "order-" + orderId + ":charge";
        if (!closed.containsKey(key)) {
            answers.put(key, approve);
        }
    }

    @Override
    public ChargeReceipt chargeOrder(OrderCharge charge) {
        if (charge.paymentMethod().equals("pm_card_declined")) {
            throw declined(charge, "card_declined");
        }
        if (charge.paymentMethod().equals(AUTHENTICATION_REQUIRED) && !charges.containsKey(charge.idempotencyKey())) {
            authenticationCalls.add(charge.offer());
            if (charge.offer() == AuthenticationOffer.EXPIRED) {
                closed.put(charge.idempotencyKey(), true);
            }
            Boolean answer = answers.get(charge.idempotencyKey());
            if (answer == null) {
                throw declined(charge, charge.offer() == AuthenticationOffer.EXPIRED ? "authentication_expired"
                        : "authentication_required");
            }
            if (!answer) {
                throw declined(charge, "authentication_failed");
            }
        }
        return charges.computeIfAbsent(charge.idempotencyKey(), key -> new ChargeReceipt("pay-" + charge.orderId(),
                key, charge.amountMinor(), charge.currency(), "ch_" + charge.orderId(), charge.businessTime()));
    }

    private static ApplicationFailure declined(OrderCharge charge, String code) {
        return ApplicationFailure.newNonRetryableFailure("Charge " + charge.idempotencyKey() + " declined: " + code,
                PaymentFailures.PAYMENT_DECLINED, new PaymentDecline("pay-" + charge.orderId(), code,
                        "The card was declined."));
    }

    /** How each call of a charge that asked the customer to authenticate offered it, in order. */
    List<AuthenticationOffer> authenticationCalls() {
        return List.copyOf(authenticationCalls);
    }

    @Override
    public RefundReceipt refundOrder(OrderRefund refund) {
        refundCalls.add(refund.refundKey());
        if (refusesRefunds) {
            throw ApplicationFailure.newNonRetryableFailure("Refund " + refund.refundKey()
                    + " refused by the provider: refund_refused", "RefundRefused");
        }
        ChargeReceipt charge = charges.get(refund.chargeKey());
        if (charge == null) {
            return new RefundReceipt(null, refund.refundKey(), 0, "EUR", null);
        }
        return refunds.computeIfAbsent(refund.refundKey(), key -> new RefundReceipt("ref-" + refund.orderId(), key,
                charge.amountMinor(), charge.currency(), "re_" + refund.orderId()));
    }

    long charged(String orderId) {
        ChargeReceipt charge = charges.get("order-" + orderId + ":charge");
        return charge == null ? 0 : charge.amountMinor();
    }

    long refunded(String orderId) {
        RefundReceipt refund = refunds.get("order-" + orderId + ":refund");
        return refund == null ? 0 : refund.amountMinor();
    }

    public int chargeCount() {
        return charges.size();
    }

    List<String> refundCalls() {
        return List.copyOf(refundCalls);
    }
}

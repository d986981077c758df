package io.perennial.order;

import io.perennial.payment.ChargeReceipt;
import io.perennial.payment.PaymentDecline;
import io.perennial.payment.PaymentFailures;
import io.perennial.payment.RefundReceipt;
import io.temporal.failure.ApplicationFailure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Charges each key once; declines {@code pm_card_declined}; refunds what was charged, once. */
public final class FakeOrderPayments implements OrderPaymentActivities {
    private final Map<String, ChargeReceipt> charges = new ConcurrentHashMap<>();
    private final Map<String, RefundReceipt> refunds = new ConcurrentHashMap<>();
    private final List<String> refundCalls = new CopyOnWriteArrayList<>();
    private volatile boolean refusesRefunds;

    /** The provider refuses every refund, as it would one for more than was charged. */
    FakeOrderPayments refuseRefunds() {
        this.refusesRefunds = true;
        return this;
    }

    @Override
    public ChargeReceipt chargeOrder(OrderCharge charge) {
        if (charge.paymentMethod().equals("pm_card_declined")) {
            throw ApplicationFailure.newNonRetryableFailure("Charge " + charge.idempotencyKey()
                    + " declined: card_declined", PaymentFailures.PAYMENT_DECLINED,
                    new PaymentDecline("pay-" + charge.orderId(), "card_declined", "The card was declined."));
        }
        return charges.computeIfAbsent(charge.idempotencyKey(), key -> new ChargeReceipt("pay-" + charge.orderId(),
                key, charge.amountMinor(), charge.currency(), "ch_" + charge.orderId(), charge.businessTime()));
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

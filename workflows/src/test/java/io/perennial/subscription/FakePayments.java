package io.perennial.subscription;

import io.perennial.payment.ChargeReceipt;
import io.perennial.payment.PaymentActivities;
import io.perennial.payment.PaymentDecline;
import io.perennial.payment.PaymentFailures;
import io.perennial.payment.RenewalCharge;
import io.temporal.failure.ApplicationFailure;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A payment side for workflow tests: declines the attempts it is told to, remembers every attempt. */
final class FakePayments implements PaymentActivities {
    private final Set<String> declinedKeys = ConcurrentHashMap.newKeySet();
    private final List<RenewalCharge> attempts = new CopyOnWriteArrayList<>();
    private final List<RenewalCharge> paid = new CopyOnWriteArrayList<>();

    FakePayments decline(int period, String purpose) {
        declinedKeys.add(period + ":" + purpose);
        return this;
    }

    @Override
    public ChargeReceipt chargeRenewal(RenewalCharge charge) {
        attempts.add(charge);
        if (declinedKeys.contains(charge.period() + ":" + charge.purpose())) {
            throw ApplicationFailure.newNonRetryableFailure("card declined", PaymentFailures.PAYMENT_DECLINED,
                    new PaymentDecline("pay-" + charge.idempotencyKey(), "card_declined", "Your card was declined."));
        }
        paid.add(charge);
        return new ChargeReceipt("pay-" + charge.idempotencyKey(), charge.idempotencyKey(), charge.amountMinor(),
                charge.currency(), "sim_" + charge.idempotencyKey(), charge.businessTime());
    }

    List<RenewalCharge> attempts() {
        return attempts;
    }

    List<RenewalCharge> paid() {
        return paid;
    }
}

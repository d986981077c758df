package io.perennial.payment;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface PaymentActivities {

    /**
     * Charges one attempt of a billing period, at most once per idempotency key.
     * A decline is an {@code ApplicationFailure} of type {@link PaymentFailures#PAYMENT_DECLINED} (not retried);
     * gateway timeouts and 5xx are thrown as retryable errors.
     */
    @ActivityMethod(name = "ChargeRenewal")
    ChargeReceipt chargeRenewal(RenewalCharge charge);
}

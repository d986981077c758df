package io.perennial.payment;

import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.UUID;

/**
 * Charges a billing period exactly once: a period already paid is never charged again, the intent is stored
 * before the provider is called, and the provider is called with the same idempotency key on every retry.
 */
@Singleton
public class PaymentActivitiesImpl implements PaymentActivities {

    private static final Logger log = LoggerFactory.getLogger(PaymentActivitiesImpl.class);

    private final PaymentRepository payments;
    private final PaymentGateway gateway;

    public PaymentActivitiesImpl(PaymentRepository payments, PaymentGateway gateway) {
        this.payments = payments;
        this.gateway = gateway;
    }

    @Override
    public ChargeReceipt chargeRenewal(RenewalCharge charge) {
        UUID subscriptionId = UUID.fromString(charge.subscriptionId());
        Optional<Payment> alreadyPaid = payments.findSucceeded(subscriptionId, charge.period());
        if (alreadyPaid.isPresent()) {
            log.info("Period {} of subscription {} is already paid by {}; not charging again",
                    charge.period(), charge.subscriptionId(), alreadyPaid.get().idempotencyKey());
            return receipt(alreadyPaid.get());
        }

        String key = charge.idempotencyKey();
        payments.insertPending(UUID.randomUUID(), key, subscriptionId, UUID.fromString(charge.customerId()),
                charge.period(), charge.purpose(), charge.amountMinor(), charge.currency(), charge.businessTime());
        Payment payment = payments.findByIdempotencyKey(key).orElseThrow();
        if (payment.status() == PaymentStatus.PENDING) {
            GatewayResult result;
            try {
                result = gateway.charge(new GatewayCharge(key, payment.amountMinor(), payment.currency(),
                        charge.paymentMethod()));
            } catch (GatewayUnavailableException e) {
                // Retryable: Temporal calls again with the same key, and the provider returns the same outcome.
                throw ApplicationFailure.newFailure(e.getMessage(), e.reason());
            }
            payments.settle(payment.id(), result.approved() ? "SUCCEEDED" : "DECLINED", result.declineCode(),
                    result.reference());
            payment = payments.findById(payment.id()).orElseThrow();
        }
        if (payment.status() == PaymentStatus.DECLINED) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "Charge " + key + " declined: " + payment.declineCode(), PaymentFailures.PAYMENT_DECLINED,
                    new PaymentDecline(payment.id().toString(), payment.declineCode(), "The card was declined."));
        }
        return receipt(payment);
    }

    private static ChargeReceipt receipt(Payment payment) {
        return new ChargeReceipt(payment.id().toString(), payment.idempotencyKey(), payment.amountMinor(),
                payment.currency(), payment.gatewayReference(), payment.businessTime());
    }
}

package io.perennial.payment;

/**
 * The port to a payment provider. Implementations must honour the idempotency key: the same key always yields the
 * same result and moves money at most once.
 *
 * @throws GatewayUnavailableException on timeouts and provider errors, which are safe to retry
 */
public interface PaymentGateway {
    GatewayResult charge(GatewayCharge charge);
}

package io.perennial.payment;

import java.util.Optional;

/**
 * The port to a payment provider. Implementations must honour the idempotency key: the same key always yields the
 * same result and moves money at most once. Both methods throw {@link GatewayUnavailableException} on timeouts
 * and provider errors, which are safe to retry with the same key.
 */
public interface PaymentGateway {
    GatewayResult charge(GatewayCharge charge);

    /** Gives back part or all of a charge; a refund the provider refuses is a declined result, not an error. */
    GatewayResult refund(GatewayRefund refund);

    /**
     * What the provider holds for a charge key, asked when our answer was lost (a timeout after the provider booked
     * it): the booked result, or empty when the provider never booked a charge under that key. Moves no money.
     */
    Optional<GatewayResult> findCharge(String idempotencyKey);
}

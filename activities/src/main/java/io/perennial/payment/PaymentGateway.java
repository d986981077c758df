package io.perennial.payment;

import java.util.Optional;
import java.util.UUID;

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

    /**
     * Makes {@code token} chargeable off-session for the customer at the provider: the provider's customer object is
     * created the first time (its id is kept in {@code provider_customers}) and the method attached to it once.
     * Idempotent. The Stripe adapter does this itself before a charge that names a customer; a card-saving path can
     * call it ahead of the first charge. Throws {@link PaymentMethodRefusedException} when the provider will not keep
     * the method, and {@link GatewayUnavailableException} as {@link #charge} does.
     */
    AttachedPaymentMethod attachPaymentMethod(UUID customerId, String token);

    /**
     * Closes the provider's request that the customer authenticate the charge under {@code idempotencyKey}, so an
     * answer after our deadline cannot take money; a charge the customer already answered stays as it is. Read the
     * outcome with {@link #findCharge} afterwards. Throws {@link GatewayUnavailableException} when the provider could
     * not close it (or, for Stripe, cannot find it yet): the caller retries rather than take the request as closed.
     * The default does nothing: the provider's own expiry applies. The simulated provider closes its request; Stripe
     * cancels the PaymentIntent ({@code StripePaymentGateway}).
     */
    default void closeCustomerAction(String idempotencyKey) {
    }

    /**
     * Opens the provider's session of a payment the customer makes on the provider's page (a redirect method:
     * Alipay, WeChat Pay); the same key gives the same session. Moves no money: the provider confirms the outcome
     * later by its own event ({@code payment_intent.succeeded} / {@code payment_intent.payment_failed}). Throws
     * {@link GatewayUnavailableException} as {@link #charge} does, and {@link PaymentMethodRefusedException} when the
     * provider will not offer the method.
     */
    RedirectSession startRedirect(RedirectCharge charge);
}

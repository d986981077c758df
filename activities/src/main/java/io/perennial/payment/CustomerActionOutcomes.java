package io.perennial.payment;

/**
 * What the provider holds for a charge that waited for the customer (Strong Customer Authentication), for
 * subscriptions' payments and orders' alike. Never charges.
 */
final class CustomerActionOutcomes {

    private CustomerActionOutcomes() {
    }

    /**
     * The provider's answer under {@code idempotencyKey}. While the customer may still act an unanswered request
     * reads as {@link DeclineCodes#AUTHENTICATION_REQUIRED} (still waiting); otherwise the request is closed first, so
     * a late approval cannot take money, and an unanswered one is declined {@link DeclineCodes#AUTHENTICATION_EXPIRED}.
     * Throws {@link GatewayUnavailableException}.
     */
    static GatewayResult read(PaymentGateway gateway, String idempotencyKey, boolean mayStillAct) {
        if (!mayStillAct) {
            gateway.closeCustomerAction(idempotencyKey);
        }
        GatewayResult held = gateway.findCharge(idempotencyKey)
                .orElse(GatewayResult.declined(null, DeclineCodes.AUTHENTICATION_REQUIRED, "not booked"));
        if (!mayStillAct && !held.approved() && DeclineCodes.AUTHENTICATION_REQUIRED.equals(held.declineCode())) {
            return GatewayResult.declined(held.reference(), DeclineCodes.AUTHENTICATION_EXPIRED,
                    "The customer did not authenticate the payment in time.");
        }
        return held;
    }
}

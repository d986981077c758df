package io.perennial.api.payment;

import io.perennial.api.problem.ApiProblems;
import io.perennial.payment.SavedPaymentMethod;
import io.perennial.payment.SavedPaymentMethods;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * Turns what a client names as its payment method into the provider's token: a saved method's id
 * ({@code pm_saved_…}) becomes the token it holds, if it is the caller's and not removed; a token passes as it is.
 */
@Singleton
public class PaymentMethodResolver {

    private final SavedPaymentMethods saved;

    public PaymentMethodResolver(SavedPaymentMethods saved) {
        this.saved = saved;
    }

    /** @param pointer where in the request body the payment method was named, for the problem if it is unknown */
    public String gatewayToken(UUID customerId, String paymentMethod, String pointer) {
        if (!SavedPaymentMethod.isSavedId(paymentMethod)) {
            return paymentMethod;
        }
        // Another customer's id is as unknown as one that never existed.
        return saved.findLive(paymentMethod, customerId).map(SavedPaymentMethod::gatewayToken)
                .orElseThrow(() -> ApiProblems.invalidReference(pointer,
                        "no saved payment method " + paymentMethod));
    }
}

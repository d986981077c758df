package io.perennial.api.payment;

import io.micronaut.core.annotation.Nullable;
import io.perennial.api.payment.PaymentMethodRequests.PaymentMethodView;
import io.perennial.api.problem.ApiProblems;
import io.perennial.payment.SavedPaymentMethod;
import io.perennial.payment.SavedPaymentMethods;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A customer's saved payment methods, as the JSON API ({@code /v1/payment-methods}) and the portal's page both
 * manage them: each is its owner's alone (another customer's id is as unknown as a missing one).
 */
@Singleton
public class PaymentMethodService {

    static final int MAX_SAVED = 20;

    private final SavedPaymentMethods methods;

    public PaymentMethodService(SavedPaymentMethods methods) {
        this.methods = methods;
    }

    public PaymentMethodView save(UUID customerId, String token, @Nullable String label) {
        if (methods.findLiveOf(customerId).size() >= MAX_SAVED) {
            throw ApiProblems.invalidField("/token", "at most " + MAX_SAVED
                    + " saved payment methods; remove one first");
        }
        String trimmed = label == null || label.isBlank() ? null : label.trim();
        SavedPaymentMethod saved = methods.save(SavedPaymentMethod.save(customerId, token, trimmed, Instant.now()));
        return PaymentMethodView.of(saved, false);
    }

    /** The customer's live methods, the default (if any) first and marked. */
    public List<PaymentMethodView> mine(UUID customerId) {
        List<PaymentMethodView> views = new ArrayList<>();
        for (SavedPaymentMethod method : methods.findLiveOf(customerId)) {
            views.add(PaymentMethodView.of(method, views.isEmpty() && method.defaultSince() != null));
        }
        return views;
    }

    public PaymentMethodView one(UUID customerId, String id) {
        return mine(customerId).stream().filter(method -> method.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiProblems.notFound("Payment method", id));
    }

    /** Makes it the customer's default; the one it replaces stays saved. */
    public PaymentMethodView makeDefault(UUID customerId, String id) {
        if (methods.makeDefault(id, customerId, Instant.now()) == 0) {
            throw ApiProblems.notFound("Payment method", id);
        }
        return one(customerId, id);
    }

    /** Gone for new uses; a subscription already charging it carries on. */
    public void remove(UUID customerId, String id) {
        if (methods.remove(id, customerId, Instant.now()) == 0) {
            throw ApiProblems.notFound("Payment method", id);
        }
    }
}

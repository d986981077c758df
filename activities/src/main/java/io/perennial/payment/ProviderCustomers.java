package io.perennial.payment;

import jakarta.inject.Singleton;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Remembers who a customer is at the provider and what a token became there, so each is created at the provider
 * once: the first caller creates (under an idempotency key, so a crash before it is stored gets the same object
 * back), stores it unless another caller stored one first, and every caller uses the stored one.
 */
@Singleton
public class ProviderCustomers {

    private final ProviderCustomerRepository repository;

    public ProviderCustomers(ProviderCustomerRepository repository) {
        this.repository = repository;
    }

    /** The provider's customer id for {@code customerId}, created with {@code create} the first time. */
    public String customer(String provider, UUID customerId, Supplier<String> create) {
        return repository.findCustomer(provider, customerId).orElseGet(() -> {
            repository.insertCustomerOnce(provider, customerId, create.get());
            return repository.findCustomer(provider, customerId).orElseThrow();
        });
    }

    /** The provider's id of {@code token} attached to the customer, attached with {@code attach} the first time. */
    public String paymentMethod(String provider, UUID customerId, String token, Supplier<String> attach) {
        return repository.findPaymentMethod(provider, customerId, token).orElseGet(() -> {
            repository.insertPaymentMethodOnce(provider, customerId, token, attach.get());
            return repository.findPaymentMethod(provider, customerId, token).orElseThrow();
        });
    }
}

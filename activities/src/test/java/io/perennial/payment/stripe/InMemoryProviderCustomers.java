package io.perennial.payment.stripe;

import io.perennial.payment.ProviderCustomerRepository;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** {@code provider_customers} and {@code provider_payment_methods} in memory, first writer wins as in PostgreSQL. */
final class InMemoryProviderCustomers implements ProviderCustomerRepository {
    final Map<String, String> customers = new ConcurrentHashMap<>();
    final Map<String, String> methods = new ConcurrentHashMap<>();

    @Override
    public Optional<String> findCustomer(String provider, UUID customerId) {
        return Optional.ofNullable(customers.get(provider + "/" + customerId));
    }

    @Override
    public void insertCustomerOnce(String provider, UUID customerId, String providerCustomerId) {
        customers.putIfAbsent(provider + "/" + customerId, providerCustomerId);
    }

    @Override
    public Optional<String> findPaymentMethod(String provider, UUID customerId, String token) {
        return Optional.ofNullable(methods.get(provider + "/" + customerId + "/" + token));
    }

    @Override
    public void insertPaymentMethodOnce(String provider, UUID customerId, String token, String providerPaymentMethodId) {
        methods.putIfAbsent(provider + "/" + customerId + "/" + token, providerPaymentMethodId);
    }
}

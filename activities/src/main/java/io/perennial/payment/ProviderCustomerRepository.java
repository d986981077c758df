package io.perennial.payment;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;
import java.util.UUID;

/** {@code provider_customers} and {@code provider_payment_methods}: written once per key, first writer wins. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProviderCustomerRepository extends GenericRepository<ProviderCustomer, String> {

    @Query("""
            SELECT provider_customer_id FROM provider_customers WHERE provider = :provider AND customer_id = :customerId
            """)
    Optional<String> findCustomer(String provider, UUID customerId);

    @Query("""
            INSERT INTO provider_customers (provider, customer_id, provider_customer_id)
            VALUES (:provider, :customerId, :providerCustomerId)
            ON CONFLICT (provider, customer_id) DO NOTHING
            """)
    void insertCustomerOnce(String provider, UUID customerId, String providerCustomerId);

    @Query("""
            SELECT provider_payment_method_id FROM provider_payment_methods
            WHERE provider = :provider AND customer_id = :customerId AND token = :token
            """)
    Optional<String> findPaymentMethod(String provider, UUID customerId, String token);

    @Query("""
            INSERT INTO provider_payment_methods (provider, customer_id, token, provider_payment_method_id)
            VALUES (:provider, :customerId, :token, :providerPaymentMethodId)
            ON CONFLICT (provider, customer_id, token) DO NOTHING
            """)
    void insertPaymentMethodOnce(String provider, UUID customerId, String token, String providerPaymentMethodId);
}

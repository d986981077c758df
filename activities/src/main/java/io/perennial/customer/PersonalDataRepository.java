package io.perennial.customer;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.UUID;

/**
 * Erases a deleted customer's personal data where PostgreSQL holds it: name, email, shipping addresses (recipient,
 * street, city, postcode), the text of mails sent to them, their behaviour events and the email in their
 * customer.created event. What accounting must keep stays, tied to the customer id that no longer names anyone:
 * invoices and their lines, payments, refunds, bank transfers, orders and their amounts, the points ledger, and each
 * order address's country (it decides the VAT that was charged). docs/security.md says why.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PersonalDataRepository extends GenericRepository<Customer, UUID> {

    String ERASED_NAME = "Deleted customer";

    @Query("UPDATE customers SET email = :email, name = 'Deleted customer' WHERE id = :customerId")
    int eraseCustomer(UUID customerId, String email);

    /** The sign-in: a new email nobody owns, a password hash of a password nobody knows, every token stale. */
    @Query("""
            UPDATE users SET email = :email, password_hash = :passwordHash, token_version = token_version + 1
            WHERE customer_id = :customerId""")
    int eraseUser(UUID customerId, String email, String passwordHash);

    @Query("UPDATE subscriptions SET shipping_address = NULL WHERE customer_id = :customerId")
    int eraseSubscriptionAddresses(UUID customerId);

    @Query("""
            UPDATE orders SET shipping_address = jsonb_build_object('recipient', 'Deleted customer',
                'line1', '-', 'city', '-', 'postalCode', '-', 'countryCode', shipping_address->>'countryCode')
            WHERE customer_id = :customerId""")
    int eraseOrderAddresses(UUID customerId);

    @Query("""
            UPDATE notifications SET recipient = :email, subject = '-', body = '-', data = '{}'::jsonb
            WHERE customer_id = :customerId""")
    int eraseMails(UUID customerId, String email);

    @Query("DELETE FROM behaviour_events WHERE customer_id = :customerId")
    int eraseBehaviour(UUID customerId);

    @Query("""
            UPDATE events SET data = jsonb_set(jsonb_set(data, '{object,email}', to_jsonb(CAST(:email AS text))),
                '{object,name}', '"Deleted customer"')
            WHERE resource_id = CAST(:customerId AS text) AND type = 'customer.created'""")
    int eraseCreatedEvent(UUID customerId, String email);

    @Query("DELETE FROM login_failures WHERE lower(email) = lower(:email)")
    int eraseLoginFailures(String email);
}

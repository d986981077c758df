package io.perennial.customer;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CustomerRepository extends CrudRepository<Customer, UUID> {

    /** The customer's referral code; the database gives every customer one when the row is inserted. */
    @Query("SELECT referral_code FROM customers WHERE id = :id")
    Optional<String> findReferralCode(UUID id);

    /** Who owns a referral code, matched case-insensitively. */
    @Query("SELECT id FROM customers WHERE referral_code = upper(trim(:referralCode))")
    Optional<UUID> findIdByReferralCode(String referralCode);
}

package io.perennial.customer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface BillingProfileRepository extends GenericRepository<Customer, UUID> {

    @Query("""
            SELECT kind, legal_name, billing_line1, billing_line2, billing_city, billing_postal_code, billing_region,
                   billing_country, tax_id, tax_id_status, tax_id_checked_at
            FROM customers WHERE id = :customerId
            """)
    Optional<BillingProfile> find(UUID customerId);

    @Query("""
            UPDATE customers SET kind = :kind, legal_name = :legalName, billing_line1 = :billingLine1,
                billing_line2 = :billingLine2, billing_city = :billingCity, billing_postal_code = :billingPostalCode,
                billing_region = :billingRegion, billing_country = :billingCountry, tax_id = :taxId,
                tax_id_status = :taxIdStatus, tax_id_checked_at = :taxIdCheckedAt
            WHERE id = :customerId
            """)
    int save(UUID customerId, String kind, @Nullable String legalName, @Nullable String billingLine1,
             @Nullable String billingLine2, @Nullable String billingCity, @Nullable String billingPostalCode,
             @Nullable String billingRegion, @Nullable String billingCountry, @Nullable String taxId,
             @Nullable String taxIdStatus, @Nullable Instant taxIdCheckedAt);

    /** VERIFIED, unless the id changed since it was read. */
    @Query("""
            UPDATE customers SET tax_id_status = 'VERIFIED', tax_id_checked_at = :checkedAt
            WHERE id = :customerId AND tax_id = :taxId
            """)
    int markTaxIdVerified(UUID customerId, String taxId, Instant checkedAt);
}

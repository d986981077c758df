package io.perennial.customer;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LoginFailureRepository extends GenericRepository<LoginFailureWindow, Long> {

    @Query("INSERT INTO login_failures (email, client_address) VALUES (:email, :clientAddress)")
    void insert(String email, String clientAddress);

    @Query("""
            SELECT count(*) AS failures, min(at) AS oldest FROM login_failures
            WHERE email = :email AND at > :since
            """)
    LoginFailureWindow windowOfAccount(String email, Instant since);

    @Query("""
            SELECT count(*) AS failures, min(at) AS oldest FROM login_failures
            WHERE client_address = :clientAddress AND at > :since
            """)
    LoginFailureWindow windowOfAddress(String clientAddress, Instant since);

    @Query("DELETE FROM login_failures WHERE email = :email")
    int deleteByEmail(String email);
}

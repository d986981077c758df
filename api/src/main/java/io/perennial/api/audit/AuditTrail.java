package io.perennial.api.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.api.auth.CurrentUser;
import io.perennial.audit.AuditLog;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Staff changes with their audit entry: the change and the entry commit together or not at all, so the trail never
 * shows a change that did not happen nor misses one that did. The reusable call for any admin route that changes
 * something.
 */
@Singleton
public class AuditTrail {

    private final AuditLog audit;
    private final TransactionOperations<Connection> transactions;

    public AuditTrail(AuditLog audit, TransactionOperations<Connection> transactions) {
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * Runs {@code change} and records who ({@code caller}'s user id) did {@code action} to {@code target}, with
     * {@code outcome} taken from what the change returned, in one transaction.
     */
    public <T> T change(Authentication caller, String action, String target, @Nullable String reason,
                        Supplier<T> change, Function<T, String> outcome) {
        String actor = CurrentUser.of(caller).userId().toString();
        return transactions.executeWrite(status -> {
            T result = change.get();
            audit.record(actor, action, target, reason, outcome.apply(result));
            return result;
        });
    }
}

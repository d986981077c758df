package io.perennial.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** One audited action: who ({@code actor}, a user id), what ({@code action}) to what ({@code target}), why, outcome. */
@MappedEntity("audit_log")
public record AuditEntry(@Id UUID id, Instant at, String actor, String action, String target,
                         @Nullable String reason, String outcome) {

    public static AuditEntry of(String actor, String action, String target, @Nullable String reason, String outcome) {
        return new AuditEntry(UUID.randomUUID(), Instant.now(), actor, action, target, reason, outcome);
    }
}

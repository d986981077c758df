package io.perennial.api.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The audit trail: who did what to which resource, why, and how it ended. Append-only; admins read it. */
@Controller("/v1/admin/audit-log")
@Secured("ADMIN")
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class AuditLogController {

    private final AuditLog audit;

    public AuditLogController(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * One audited action. {@code actor} is a staff user's id (or a system actor such as {@code stripe-webhook}, or the
     * client address of a failed login); {@code target} names the resource, e.g. {@code plan:plan_digital_monthly},
     * {@code coupon:WELCOME10}, {@code sku:BEANS-250}, {@code subscription:{id}}.
     */
    @Serdeable
    public record AuditEntryView(UUID id, Instant at, String actor, String action, String target,
                                 @Nullable String reason, String outcome) {
        static AuditEntryView of(AuditEntry entry) {
            return new AuditEntryView(entry.id(), entry.at(), entry.actor(), entry.action(), entry.target(),
                    entry.reason(), entry.outcome());
        }
    }

    /** One page, newest first; {@code next} is the {@code after} value of the following page, absent on the last. */
    @Serdeable
    public record Page(List<AuditEntryView> items, @Nullable String next) {
    }

    /**
     * Newest first, {@code limit} per page; pass {@code next} as {@code after}. Filter by {@code actor},
     * {@code action} (e.g. {@code plan.version-added}), {@code resource} (the entry's {@code target}) and a window:
     * {@code since} inclusive, {@code until} exclusive.
     */
    @Get
    @Operation(operationId = "listAuditLog")
    @ProblemResponses.InvalidRequest
    @ProblemResponses.NotFound
    public Page list(@QueryValue @Nullable @Size(min = 1, max = 200) @Pattern(regexp = "\\S+") String actor,
                     @QueryValue @Nullable @Pattern(regexp = "[a-z][a-z0-9._-]{0,99}") String action,
                     @QueryValue @Nullable @Size(min = 1, max = 300) @Pattern(regexp = "\\S+") String resource,
                     @QueryValue @Nullable Instant since,
                     @QueryValue @Nullable Instant until,
                     @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit,
                     @QueryValue @Nullable UUID after) {
        if (since != null && until != null && !since.isBefore(until)) {
            throw ApiProblems.invalidField("until", "until must be after since");
        }
        AuditEntry cursor = after == null ? null : audit.findById(after)
                .orElseThrow(() -> ApiProblems.notFound("Audit entry", after));
        List<AuditEntry> rows = audit.findPage(actor, action, resource, since, until,
                cursor == null ? null : cursor.at(), cursor == null ? null : cursor.id(), limit + 1);
        List<AuditEntryView> items = rows.stream().limit(limit).map(AuditEntryView::of).toList();
        return new Page(items, rows.size() > limit ? items.get(items.size() - 1).id().toString() : null);
    }
}

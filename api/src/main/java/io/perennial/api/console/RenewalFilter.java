package io.perennial.api.console;

import io.micronaut.core.annotation.Nullable;
import io.perennial.api.ops.FailedRenewals;
import io.perennial.api.problem.ApiProblems;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The failed-renewals filter as the console's form has it: a reason, a plan and a window of UTC days (from, and
 * until inclusive), turned into the ops API's filter. Blank fields select everything.
 */
record RenewalFilter(@Nullable FailedRenewals.Reason reason, @Nullable String planId, @Nullable LocalDate from,
                     @Nullable LocalDate until) {

    static RenewalFilter of(@Nullable String reason, @Nullable String planId, @Nullable String from,
                            @Nullable String until) {
        return new RenewalFilter(reason(reason), plan(planId), day("from", from), day("until", until));
    }

    @Nullable
    Instant failedSince() {
        return from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Nullable
    Instant failedUntil() {
        return until == null ? null : until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    FailedRenewals.BulkRetryRequest bulkRetry(String note) {
        return new FailedRenewals.BulkRetryRequest(reason, planId, failedSince(), failedUntil(), note);
    }

    /** The filter as query parameters of the list page (for its next-page link and the retry's way back). */
    Map<String, String> query() {
        Map<String, String> query = new LinkedHashMap<>();
        if (reason != null) {
            query.put("reason", reason.name());
        }
        if (planId != null) {
            query.put("planId", planId);
        }
        if (from != null) {
            query.put("from", from.toString());
        }
        if (until != null) {
            query.put("until", until.toString());
        }
        return query;
    }

    @Nullable
    private static FailedRenewals.Reason reason(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return FailedRenewals.Reason.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiProblems.invalidField("reason", "reason must be one of the listed reasons");
        }
    }

    @Nullable
    private static String plan(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.trim().matches("[a-z0-9][a-z0-9_-]{0,99}")) {
            throw ApiProblems.invalidField("planId", "planId must be a plan id");
        }
        return value.trim();
    }

    @Nullable
    private static LocalDate day(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiProblems.invalidField(field, field + " must be a date (yyyy-mm-dd)");
        }
    }
}

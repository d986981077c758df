package io.perennial.api.json;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;

import java.util.List;
import java.util.Locale;

/**
 * Refuses a NUL character ({@code %00}) anywhere in the path or the query with a 400 problem, before routing: like
 * in a JSON body ({@link TextDeserializer}), PostgreSQL cannot hold it, and a plan id or a cursor carrying one
 * failed as a 500 deep in a query.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class NulCharacterFilter {

    @RequestFilter
    public @Nullable HttpResponse<Problem> refuseNul(HttpRequest<?> request) {
        String rawPath = request.getUri().getRawPath();
        String rawQuery = request.getUri().getRawQuery();
        boolean inPath = rawPath != null && rawPath.toLowerCase(Locale.ROOT).contains("%00");
        boolean inQuery = rawQuery != null && rawQuery.toLowerCase(Locale.ROOT).contains("%00");
        if (!inPath && !inQuery && request.getPath().indexOf('\0') < 0) {
            return null;
        }
        String detail = (inQuery ? "a query parameter" : "the path") + ": " + TextDeserializer.NUL_REFUSED;
        return HttpResponse.<Problem>badRequest(new Problem(ApiProblems.BASE + "validation", "Invalid request", 400,
                        detail, rawPath, List.of(new Problem.FieldError(null, detail))))
                .contentType(Problem.MEDIA_TYPE);
    }
}

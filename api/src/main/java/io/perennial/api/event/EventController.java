package io.perennial.api.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import java.time.Instant;

/**
 * The event log: what changed, in the order it was written, each event once. Admins read it to audit or to catch up
 * after a webhook receiver's outage; webhook deliveries send the same events.
 */
@Controller("/v1/events")
@Secured("ADMIN")
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class EventController {

    static final String EVENT_ID = "evt_[0-9a-f]{32}";

    private final EventReads events;

    public EventController(EventReads events) {
        this.events = events;
    }

    /**
     * Newest first, {@code limit} per page; pass {@code next} as {@code after}. Filter by {@code type} (e.g.
     * {@code invoice.paid}), {@code resourceId} (the id of the subscription, invoice, payment, order, SKU, purchase
     * order or customer) and a window on business time: {@code createdSince} inclusive, {@code createdUntil}
     * exclusive.
     */
    @Get
    @Operation(operationId = "listEvents")
    @ProblemResponses.InvalidRequest
    @ProblemResponses.NotFound
    public EventView.Page list(@QueryValue @Nullable @Pattern(regexp = "[a-z_]+(\\.[a-z_]+){1,2}") String type,
                               @QueryValue @Nullable @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]{0,199}")
                               String resourceId,
                               @QueryValue @Nullable Instant createdSince,
                               @QueryValue @Nullable Instant createdUntil,
                               @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit,
                               @QueryValue @Nullable @Pattern(regexp = EVENT_ID) String after) {
        return events.page(type, resourceId, createdSince, createdUntil, limit, after);
    }

    @Get("/{id}")
    @Operation(operationId = "getEvent")
    @ProblemResponses.InvalidRequest
    @ProblemResponses.NotFound
    public EventView get(@Pattern(regexp = EVENT_ID) String id) {
        return events.find(id).orElseThrow(() -> ApiProblems.notFound("Event", id));
    }
}

package io.perennial.api.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.perennial.api.problem.ProblemResponses;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** Tracked ops batches (plan-version migrations, batch resets): progress and the result of every item. */
@Controller("/v1/ops/batches")
@Secured({"OPS", "ADMIN"})
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class OpsBatchController {

    private final OpsBatches batches;

    public OpsBatchController(OpsBatches batches) {
        this.batches = batches;
    }

    /** How far the batch has come: selected, succeeded, failed, remaining, done. */
    @Get("/{batchId}")
    @ProblemResponses.InvalidRequest
    @ProblemResponses.NotFound
    public OpsBatches.Batch batch(UUID batchId) {
        return batches.batch(batchId);
    }

    /** What the batch did to each item so far, in item order, a page at a time. */
    @Get("/{batchId}/items")
    @ProblemResponses.InvalidRequest
    @ProblemResponses.NotFound
    public OpsBatches.ItemPage items(UUID batchId, @QueryValue @Nullable @Size(max = 200) String after,
                                     @QueryValue(defaultValue = "100") @Min(1) @Max(500) int limit) {
        return batches.items(batchId, after, limit);
    }
}

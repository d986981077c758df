package io.perennial.api.catalog;

import io.micronaut.http.HttpResponse;
import io.perennial.api.ops.OpsBatches;
import io.perennial.api.problem.ApiProblems;
import io.perennial.catalog.Catalog;
import io.perennial.catalog.PlanOffer;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Moves the subscribers of older versions of a plan to a newer one, explicitly, as a tracked batch
 * ({@link OpsBatches}): each subscription's workflow gets a validated {@code migratePlanVersion} Update, so the new
 * price applies from its next period and never to a period already invoiced. Running it twice is harmless: a
 * subscription already on (or moving to) the version is not selected again, and its workflow would refuse anyway.
 */
@Singleton
public class PlanMigrations {

    private final Catalog catalog;
    private final OpsBatches batches;

    public PlanMigrations(Catalog catalog, OpsBatches batches) {
        this.catalog = catalog;
        this.batches = batches;
    }

    /** Starts the migration to {@code toVersion} (default: the current version); 202 with the batch. */
    public HttpResponse<OpsBatches.Batch> migrate(String requestedBy, String planId, Integer toVersion) {
        Optional<PlanOffer> found = toVersion == null ? catalog.offer(planId) : catalog.offer(planId, toVersion);
        PlanOffer target = found.orElseThrow(() -> ApiProblems.notFound("Plan version",
                planId + (toVersion == null ? "" : " v" + toVersion)));
        return batches.startPlanMigration(requestedBy, planId, target.version().version());
    }
}

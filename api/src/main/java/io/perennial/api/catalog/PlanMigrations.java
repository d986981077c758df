package io.perennial.api.catalog;

import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.problem.ApiProblems;
import io.perennial.catalog.Catalog;
import io.perennial.catalog.PlanOffer;
import io.perennial.catalog.PlanPrice;
import io.perennial.subscription.SubscriptionRecord;
import io.perennial.subscription.SubscriptionRecordRepository;
import io.perennial.subscription.SubscriptionWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves the subscribers of older versions of a plan to a newer one, explicitly: each subscription's workflow gets
 * a validated {@code migratePlanVersion} Update, so the new price applies from its next period and never to a
 * period already invoiced. Running it twice is harmless: a subscription already on (or moving to) the version
 * is not selected again, and its workflow would refuse anyway.
 */
@Singleton
public class PlanMigrations {
    private static final Logger log = LoggerFactory.getLogger(PlanMigrations.class);

    /** One subscription that was not migrated, and why. */
    @Serdeable
    public record Skipped(String subscriptionId, String reason) {
    }

    @Serdeable
    public record Result(String planId, int toVersion, int selected, int migrated, List<Skipped> skipped) {
    }

    private final Catalog catalog;
    private final SubscriptionRecordRepository records;
    private final WorkflowClient temporal;

    public PlanMigrations(Catalog catalog, SubscriptionRecordRepository records, WorkflowClient temporal) {
        this.catalog = catalog;
        this.records = records;
        this.temporal = temporal;
    }

    public Result migrate(String planId, Integer toVersion) {
        Optional<PlanOffer> found = toVersion == null ? catalog.offer(planId) : catalog.offer(planId, toVersion);
        PlanOffer target = found.orElseThrow(() -> ApiProblems.notFound("Plan version",
                planId + (toVersion == null ? "" : " v" + toVersion)));
        int version = target.version().version();
        List<SubscriptionRecord> candidates = records.findOnOlderVersion(planId, version);
        int migrated = 0;
        List<Skipped> skipped = new ArrayList<>();
        for (SubscriptionRecord row : candidates) {
            String currency = row.currency() != null ? row.currency() : target.prices().get(0).currency();
            Optional<PlanPrice> price = target.price(currency);
            if (price.isEmpty()) {
                skipped.add(new Skipped(row.id().toString(), "version " + version + " has no price in " + currency));
                continue;
            }
            try {
                temporal.newWorkflowStub(SubscriptionWorkflow.class, row.workflowId())
                        .migratePlanVersion(target.terms(price.get()));
                migrated++;
            } catch (WorkflowUpdateException refused) {
                skipped.add(new Skipped(row.id().toString(), rootMessage(refused)));
            } catch (WorkflowNotFoundException ended) {
                skipped.add(new Skipped(row.id().toString(), "the subscription has ended"));
            }
        }
        log.info("Migrated {} of {} subscriptions of {} to version {}", migrated, candidates.size(), planId, version);
        return new Result(planId, version, candidates.size(), migrated, skipped);
    }

    private static String rootMessage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApplicationFailure refusal) {
                return refusal.getOriginalMessage();
            }
        }
        return failure.getMessage();
    }
}

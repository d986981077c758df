package io.perennial.ops;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.catalog.Catalog;
import io.perennial.catalog.PlanOffer;
import io.perennial.catalog.PlanPrice;
import io.perennial.subscription.SubscriptionRecord;
import io.perennial.subscription.SubscriptionRecordRepository;
import io.perennial.subscription.SubscriptionWorkflow;
import io.perennial.temporal.client.WorkflowResetter;
import io.temporal.activity.Activity;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The items of tracked ops batches: plan-version migrations page through the subscriptions read model (keyset on
 * created_at, id), batch resets through Temporal's visibility store (its page token). Each item's result is stored
 * once; items go no faster than the batch's rate.
 */
@Singleton
public class OpsBatchActivitiesImpl implements OpsBatchActivities {
    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";

    private final SubscriptionRecordRepository records;
    private final OpsBatchItemRepository items;
    private final Catalog catalog;
    private final WorkflowClient temporal;
    private final WorkflowResetter resetter;
    private final AuditLog audit;

    public OpsBatchActivitiesImpl(SubscriptionRecordRepository records, OpsBatchItemRepository items, Catalog catalog,
                                  WorkflowClient temporal, WorkflowResetter resetter, AuditLog audit) {
        this.records = records;
        this.items = items;
        this.catalog = catalog;
        this.temporal = temporal;
        this.resetter = resetter;
        this.audit = audit;
    }

    @Override
    public int count(OpsBatchRequest batch) {
        if (batch.kind() == OpsBatchKind.PLAN_MIGRATION) {
            return Math.toIntExact(records.countOnOlderVersion(batch.planId(), batch.toVersion()));
        }
        try {
            return Math.toIntExact(temporal.getWorkflowServiceStubs().blockingStub().countWorkflowExecutions(
                    CountWorkflowExecutionsRequest.newBuilder().setNamespace(temporal.getOptions().getNamespace())
                            .setQuery(batch.query()).build()).getCount());
        } catch (StatusRuntimeException e) {
            // The in-process test server cannot count; the progress then says nothing about what remains.
            return -1;
        }
    }

    @Override
    public OpsBatchPage.Result runPage(OpsBatchPage.Request page) {
        return page.batch().kind() == OpsBatchKind.PLAN_MIGRATION ? migrationPage(page) : resetPage(page);
    }

    private OpsBatchPage.Result migrationPage(OpsBatchPage.Request page) {
        OpsBatchRequest batch = page.batch();
        Optional<PlanOffer> target = catalog.offer(batch.planId(), batch.toVersion());
        Instant afterCreatedAt = null;
        UUID afterId = null;
        if (page.cursor() != null) {
            String[] at = page.cursor().split("\\|", 2);
            afterCreatedAt = Instant.parse(at[0]);
            afterId = UUID.fromString(at[1]);
        }
        List<SubscriptionRecord> rows = records.findOnOlderVersionAfter(batch.planId(), batch.toVersion(),
                afterCreatedAt, afterId, page.limit());
        Tally tally = run(batch, rows, row -> row.id().toString(), row -> migrate(row, target, batch.toVersion()));
        SubscriptionRecord last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        return tally.result(rows.size() < page.limit() ? null : last.createdAt() + "|" + last.id());
    }

    private Result migrate(SubscriptionRecord row, Optional<PlanOffer> target, int version) {
        if (target.isEmpty()) {
            return new Result(false, "version " + version + " of the plan no longer exists");
        }
        String currency = row.currency() != null ? row.currency() : target.get().prices().get(0).currency();
        Optional<PlanPrice> price = target.get().price(currency);
        if (price.isEmpty()) {
            return new Result(false, "version " + version + " has no price in " + currency);
        }
        try {
            temporal.newWorkflowStub(SubscriptionWorkflow.class, row.workflowId())
                    .migratePlanVersion(target.get().terms(price.get()));
            return new Result(true, "moves to version " + version + " from its next period");
        } catch (WorkflowUpdateException refused) {
            return new Result(false, rootMessage(refused));
        } catch (WorkflowNotFoundException ended) {
            return new Result(false, "the subscription has ended");
        }
    }

    private OpsBatchPage.Result resetPage(OpsBatchPage.Request page) {
        OpsBatchRequest batch = page.batch();
        ListWorkflowExecutionsResponse response = temporal.getWorkflowServiceStubs().blockingStub()
                .listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
                        .setNamespace(temporal.getOptions().getNamespace())
                        .setQuery(batch.query())
                        .setPageSize(page.limit())
                        .setNextPageToken(page.cursor() == null ? ByteString.EMPTY
                                : ByteString.copyFrom(Base64.getDecoder().decode(page.cursor())))
                        .build());
        // A workflow lists once per run; it is reset once (its latest run) and recorded once per batch.
        Set<String> workflowIds = new LinkedHashSet<>();
        response.getExecutionsList().forEach(execution -> workflowIds.add(execution.getExecution().getWorkflowId()));
        Tally tally = run(batch, List.copyOf(workflowIds), Function.identity(), workflowId -> {
            WorkflowResetter.Outcome outcome = resetter.reset(batch.requestedBy(), workflowId, batch.reason());
            audit.save(AuditEntry.of(batch.requestedBy(), "workflow.reset", workflowId, batch.reason(),
                    WorkflowResetter.auditOutcome(outcome)));
            return outcome instanceof WorkflowResetter.Reset done
                    ? new Result(true, "reset to event " + done.resetToEventId() + ", new run " + done.newRunId())
                    : new Result(false, ((WorkflowResetter.Refused) outcome).detail());
        });
        ByteString next = response.getNextPageToken();
        return tally.result(next.isEmpty() ? null : Base64.getEncoder().encodeToString(next.toByteArray()));
    }

    /** Does each item not yet recorded for the batch, at the batch's rate, and records its result. */
    private <T> Tally run(OpsBatchRequest batch, List<T> selected, Function<T, String> idOf,
                          Function<T, Result> item) {
        Tally tally = new Tally();
        // At least one item in 10 s, so the heartbeat (30 s) never waits on the pacing.
        long interval = (long) (1_000_000_000L / Math.max(0.1, batch.pace().itemsPerSecond()));
        long nextSlot = System.nanoTime();
        for (T each : selected) {
            String itemId = idOf.apply(each);
            if (items.existsByBatchIdAndItemId(batch.batchId(), itemId)) {
                continue;
            }
            long wait = nextSlot - System.nanoTime();
            if (wait > 0) {
                sleep(wait);
            }
            nextSlot = Math.max(nextSlot, System.nanoTime()) + interval;
            Result result = item.apply(each);
            items.insertOnce(UUID.randomUUID(), batch.batchId(), itemId, result.succeeded() ? SUCCEEDED : FAILED,
                    result.detail());
            tally.add(result);
            Activity.getExecutionContext().heartbeat(tally.succeeded + tally.failed);
        }
        return tally;
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pacing an ops batch", e);
        }
    }

    private static String rootMessage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApplicationFailure refusal) {
                return refusal.getOriginalMessage();
            }
        }
        return failure.getMessage();
    }

    private record Result(boolean succeeded, String detail) {
    }

    private static final class Tally {
        int succeeded;
        int failed;

        void add(Result result) {
            if (result.succeeded()) {
                succeeded++;
            } else {
                failed++;
            }
        }

        OpsBatchPage.Result result(String nextCursor) {
            return new OpsBatchPage.Result(succeeded, failed, nextCursor);
        }
    }
}

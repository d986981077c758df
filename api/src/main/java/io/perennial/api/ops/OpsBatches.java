package io.perennial.api.ops;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.problem.ApiProblems;
import io.perennial.ops.OpsBatchItem;
import io.perennial.ops.OpsBatchItemRepository;
import io.perennial.ops.OpsBatchKind;
import io.perennial.ops.OpsBatchPace;
import io.perennial.ops.OpsBatchProgress;
import io.perennial.ops.OpsBatchRequest;
import io.perennial.ops.OpsBatchWorkflow;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Tracked ops batches (plan-version migrations, batch resets): started as workflows that page through their
 * selection at a limited rate; their progress is the workflow's query, their per-item results are stored.
 */
@Singleton
public class OpsBatches {

    /** A batch and how far it has come; {@code remaining} is -1 when the selection could not be counted. */
    @Serdeable
    public record Batch(String batchId, String workflowId, OpsBatchKind kind, int selected, int succeeded, int failed,
                        int remaining, boolean done, int run, String items) {

        static Batch of(String batchId, OpsBatchProgress progress) {
            return new Batch(batchId, WorkflowIds.opsBatch(batchId), progress.kind(), progress.selected(),
                    progress.succeeded(), progress.failed(), progress.remaining(), progress.done(), progress.run(),
                    path(batchId) + "/items");
        }
    }

    /** What the batch did to one subscription or workflow. */
    @Serdeable
    public record Item(String itemId, String outcome, @Nullable String detail, Instant recordedAt) {
    }

    /** One page of results in item order; {@code next} is the {@code after} of the following page. */
    @Serdeable
    public record ItemPage(List<Item> items, @Nullable String next) {
    }

    private final WorkflowClient temporal;
    private final OpsBatchItemRepository items;
    private final OpsBatchPace pace;

    public OpsBatches(WorkflowClient temporal, OpsBatchItemRepository items,
                      @Value("${perennial.ops.batches.page-size:50}") int pageSize,
                      @Value("${perennial.ops.batches.items-per-run:1000}") int itemsPerRun,
                      @Value("${perennial.ops.batches.items-per-second:20}") double itemsPerSecond) {
        this.temporal = temporal;
        this.items = items;
        this.pace = new OpsBatchPace(pageSize, itemsPerRun, itemsPerSecond);
    }

    static String path(String batchId) {
        return "/v1/ops/batches/" + batchId;
    }

    /** Starts the batch; 202 with where to follow it. */
    HttpResponse<Batch> start(OpsBatchKind kind, String requestedBy, String planId, Integer toVersion, String query,
                              String reason) {
        String batchId = UUID.randomUUID().toString();
        OpsBatchWorkflow batch = temporal.newWorkflowStub(OpsBatchWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.opsBatch(batchId)).setTaskQueue(TaskQueues.SUBSCRIPTIONS).build());
        WorkflowClient.start(batch::run, new OpsBatchRequest(batchId, kind, requestedBy, planId, toVersion, query,
                reason, pace, null));
        return HttpResponse.accepted(URI.create(path(batchId)))
                .body(Batch.of(batchId, new OpsBatchProgress(kind, -1, 0, 0, false, 1)));
    }

    public HttpResponse<Batch> startPlanMigration(String requestedBy, String planId, int toVersion) {
        return start(OpsBatchKind.PLAN_MIGRATION, requestedBy, planId, toVersion, null,
                "plan " + planId + " to version " + toVersion);
    }

    public HttpResponse<Batch> startReset(String requestedBy, String query, String reason) {
        return start(OpsBatchKind.WORKFLOW_RESET, requestedBy, null, null, query, reason);
    }

    public Batch batch(UUID batchId) {
        try {
            OpsBatchProgress progress = temporal.newWorkflowStub(OpsBatchWorkflow.class,
                    WorkflowIds.opsBatch(batchId.toString())).progress();
            if (progress == null) {
                throw ApiProblems.notFound("Batch", batchId);
            }
            return Batch.of(batchId.toString(), progress);
        } catch (WorkflowNotFoundException | WorkflowQueryException missing) {
            throw ApiProblems.notFound("Batch", batchId);
        }
    }

    public ItemPage items(UUID batchId, String after, int limit) {
        batch(batchId);
        List<OpsBatchItem> rows = items.findPage(batchId.toString(), after, limit + 1);
        List<Item> page = rows.stream().limit(limit)
                .map(row -> new Item(row.itemId(), row.outcome(), row.detail(), row.recordedAt())).toList();
        return new ItemPage(page, rows.size() > limit ? page.get(page.size() - 1).itemId() : null);
    }
}

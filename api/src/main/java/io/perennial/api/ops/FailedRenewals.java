package io.perennial.api.ops;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ApiProblems;
import io.perennial.ops.RenewalRetryBatchWorkflow;
import io.perennial.ops.RenewalRetryFilter;
import io.perennial.ops.RenewalRetryProgress;
import io.perennial.ops.RenewalRetryRequest;
import io.perennial.subscription.SubscriptionRecord;
import io.perennial.subscription.SubscriptionRecordRepository;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import com.google.protobuf.ByteString;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** The ops view of failed renewals, read from the subscriptions read model, and bulk retries as batch workflows. */
@Singleton
public class FailedRenewals {

    public enum Reason {
        declined, gateway_unavailable, payment_method_unusable, authentication_required, invoice_overdue
    }

    @Serdeable
    public record FailedRenewal(String subscriptionId, String customerId, String planId, @Nullable String reason,
                                @Nullable Instant failedSince, @Nullable Integer attempts, int failedPaymentCount,
                                @Nullable Instant nextRetryAt, @Nullable Long amountMinor, @Nullable String currency) {

        static FailedRenewal of(SubscriptionRecord row) {
            return new FailedRenewal(row.id().toString(), row.customerId().toString(), row.planId(),
                    row.paymentIssue(), row.paymentIssueSince(), row.paymentAttempts(), row.failedPaymentCount(),
                    row.nextRetryAt(), row.amountMinor(), row.currency());
        }
    }

    /**
     * One page; {@code next} is the {@code after} value for the following page (opaque), null on the last; {@code source}
     * says which store selected the subscriptions: {@code visibility} (a real Temporal server) or {@code read-model}.
     */
    @Serdeable
    public record Page(List<FailedRenewal> items, @Nullable String next, String source) {
    }

    /** The filter of a bulk retry; all fields optional. */
    @Serdeable
    public record BulkRetryRequest(@Nullable Reason reason,
                                   @Nullable @Pattern(regexp = "[a-z0-9][a-z0-9_-]*") String planId,
                                   @Nullable Instant failedSince, @Nullable Instant failedUntil,
                                   @Nullable @Size(max = 200) String note) {
    }

    /**
     * A bulk retry's progress: {@code failed} subscriptions could not be asked (their workflow had ended; the first
     * of them in {@code skipped}), {@code remaining} are still to do, {@code run} is the batch workflow's run (it
     * continues as new every so many subscriptions).
     */
    @Serdeable
    public record Batch(String batchId, String workflowId, int selected, int retried, List<String> skipped,
                        boolean done, int failed, int remaining, int run) {

        static Batch of(String batchId, String workflowId, RenewalRetryProgress progress) {
            return new Batch(batchId, workflowId, progress.selected(), progress.retried(), progress.skipped(),
                    progress.done(), progress.skippedCount(), progress.remaining(), progress.run());
        }
    }

    private static final String SUBSCRIPTION_PREFIX = WorkflowIds.subscription("");

    private final SubscriptionRecordRepository records;
    private final WorkflowClient temporal;
    private final boolean visibilityQueries;
    private final int retryPageSize;
    private final int retriesPerRun;

    public FailedRenewals(SubscriptionRecordRepository records, WorkflowClient temporal,
                          @Value("${perennial.ops.visibility-queries:true}") boolean visibilityQueries,
                          @Value("${perennial.ops.bulk-retry.page-size:100}") int retryPageSize,
                          @Value("${perennial.ops.bulk-retry.subscriptions-per-run:2000}") int retriesPerRun) {
        this.records = records;
        this.temporal = temporal;
        this.visibilityQueries = visibilityQueries;
        this.retryPageSize = retryPageSize;
        this.retriesPerRun = retriesPerRun;
    }

    /** {@code after} is the {@code next} of the previous page: a visibility page token, or a subscription id. */
    public Page list(Reason reason, String planId, Instant failedSince, Instant failedUntil, int limit, String after) {
        return visibilityQueries ? listFromVisibility(reason, planId, failedSince, failedUntil, limit, after)
                : listFromReadModel(reason, planId, failedSince, failedUntil, limit, readModelCursor(after));
    }

    /**
     * On a real server: the past-due (or suspended) subscription workflows whose {@code PaymentIssue} and {@code PaymentIssueSince}
     * search attributes match, one visibility page at a time (in visibility's order, not by failure time), with
     * attempts and amounts from the read model. Subscriptions that went past due before those attributes existed
     * show them from their next run on.
     */
    private Page listFromVisibility(Reason reason, String planId, Instant failedSince, Instant failedUntil, int limit,
                                    String after) {
        StringBuilder query = new StringBuilder(
                "WorkflowType = 'SubscriptionWorkflow' AND SubscriptionStatus IN ('PAST_DUE', 'SUSPENDED')");
        // Every value is an enum, a validated plan id or a parsed instant: nothing a caller writes reaches the query.
        if (planId != null) {
            query.append(" AND PlanId = '").append(planId).append('\'');
        }
        if (reason != null) {
            query.append(" AND PaymentIssue = '").append(reason.name()).append('\'');
        }
        if (failedSince != null) {
            query.append(" AND PaymentIssueSince >= '").append(failedSince).append('\'');
        }
        if (failedUntil != null) {
            query.append(" AND PaymentIssueSince < '").append(failedUntil).append('\'');
        }
        ListWorkflowExecutionsResponse response = temporal.getWorkflowServiceStubs().blockingStub()
                .listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
                        .setNamespace(temporal.getOptions().getNamespace())
                        .setQuery(query.toString())
                        .setPageSize(limit)
                        .setNextPageToken(pageToken(after))
                        .build());
        List<UUID> ids = response.getExecutionsList().stream()
                .map(execution -> execution.getExecution().getWorkflowId())
                .filter(id -> id.startsWith(SUBSCRIPTION_PREFIX))
                .map(id -> UUID.fromString(id.substring(SUBSCRIPTION_PREFIX.length())))
                .toList();
        java.util.Map<UUID, SubscriptionRecord> rows = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            records.findByIdIn(ids).forEach(row -> rows.put(row.id(), row));
        }
        List<FailedRenewal> items = ids.stream().map(rows::get).filter(java.util.Objects::nonNull)
                .map(FailedRenewal::of).toList();
        ByteString next = response.getNextPageToken();
        return new Page(items, next.isEmpty() ? null : Base64.getUrlEncoder().withoutPadding()
                .encodeToString(next.toByteArray()), "visibility");
    }

    private static ByteString pageToken(String after) {
        if (after == null) {
            return ByteString.EMPTY;
        }
        try {
            return ByteString.copyFrom(Base64.getUrlDecoder().decode(after));
        } catch (IllegalArgumentException e) {
            throw ApiProblems.invalidField("/after", "after must be the next value of the previous page");
        }
    }

    private static UUID readModelCursor(String after) {
        if (after == null) {
            return null;
        }
        try {
            return UUID.fromString(after);
        } catch (IllegalArgumentException e) {
            throw ApiProblems.invalidField("/after", "after must be the next value of the previous page");
        }
    }

    private Page listFromReadModel(Reason reason, String planId, Instant failedSince, Instant failedUntil, int limit,
                                   UUID after) {
        SubscriptionRecord cursor = after == null ? null : records.findById(after)
                .orElseThrow(() -> ApiProblems.notFound("Subscription", after));
        List<SubscriptionRecord> rows = records.findFailedRenewals(reason == null ? null : reason.name(), planId,
                failedSince, failedUntil, cursor == null ? null : cursor.paymentIssueSince(),
                cursor == null ? null : cursor.id(), limit + 1);
        List<FailedRenewal> items = rows.stream().limit(limit).map(FailedRenewal::of).toList();
        return new Page(items, rows.size() > limit ? items.get(items.size() - 1).subscriptionId() : null,
                "read-model");
    }

    /** How many subscriptions are past due for each reason, from the read model (reasons with none included). */
    public java.util.Map<Reason, Long> countByReason() {
        java.util.Map<Reason, Long> counts = new java.util.EnumMap<>(Reason.class);
        for (Reason reason : Reason.values()) {
            counts.put(reason, records.countFailedRenewals(reason.name(), null, null, null));
        }
        return counts;
    }

    /** With an idempotency key the batch id derives from it: a retried request finds the batch it started. */
    public Batch retryAll(CurrentUser caller, BulkRetryRequest request, String idempotencyKey) {
        String batchId = (idempotencyKey == null ? UUID.randomUUID() : UUID.nameUUIDFromBytes(
                ("renewal-retry:" + caller.userId() + ":" + idempotencyKey)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))).toString();
        String workflowId = WorkflowIds.renewalRetry(batchId);
        RenewalRetryBatchWorkflow batch = temporal.newWorkflowStub(RenewalRetryBatchWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(TaskQueues.SUBSCRIPTIONS).build());
        RenewalRetryFilter filter = new RenewalRetryFilter(request.reason() == null ? null : request.reason().name(),
                request.planId(), request.failedSince(), request.failedUntil());
        try {
            WorkflowClient.start(batch::run, new RenewalRetryRequest(filter, caller.userId().toString(),
                    request.note(), retryPageSize, retriesPerRun, null));
        } catch (io.temporal.client.WorkflowExecutionAlreadyStarted started) {
            // Started by an earlier attempt of this request.
        }
        return new Batch(batchId, workflowId, 0, 0, List.of(), false, 0, 0, 1);
    }

    public Batch batch(UUID batchId) {
        String workflowId = WorkflowIds.renewalRetry(batchId.toString());
        try {
            RenewalRetryProgress progress = temporal.newWorkflowStub(RenewalRetryBatchWorkflow.class, workflowId)
                    .progress();
            return Batch.of(batchId.toString(), workflowId, progress);
        } catch (WorkflowNotFoundException | WorkflowQueryException missing) {
            throw ApiProblems.notFound("Renewal retry batch", batchId);
        }
    }
}

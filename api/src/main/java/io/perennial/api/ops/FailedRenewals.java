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
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
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
     * One page; {@code next} is the {@code after} value for the following page, null on the last; {@code source}
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

    @Serdeable
    public record Batch(String batchId, String workflowId, int selected, int retried, List<String> skipped,
                        boolean done) {
    }

    private static final int VISIBILITY_SCAN = 10_000;
    private static final String SUBSCRIPTION_PREFIX = WorkflowIds.subscription("");

    private final SubscriptionRecordRepository records;
    private final WorkflowClient temporal;
    private final boolean visibilityQueries;

    public FailedRenewals(SubscriptionRecordRepository records, WorkflowClient temporal,
                          @Value("${perennial.ops.visibility-queries:true}") boolean visibilityQueries) {
        this.records = records;
        this.temporal = temporal;
        this.visibilityQueries = visibilityQueries;
    }

    public Page list(Reason reason, String planId, Instant failedSince, Instant failedUntil, int limit, UUID after) {
        return visibilityQueries ? listFromVisibility(reason, planId, failedSince, failedUntil, limit, after)
                : listFromReadModel(reason, planId, failedSince, failedUntil, limit, after);
    }

    /**
     * On a real server: the past-due subscription workflows as Temporal's visibility store sees them (their
     * {@code SubscriptionStatus} search attribute), with reason and attempts from the read model. At most
     * {@value #VISIBILITY_SCAN} workflows are considered.
     */
    private Page listFromVisibility(Reason reason, String planId, Instant failedSince, Instant failedUntil, int limit,
                                    UUID after) {
        String query = "WorkflowType = 'SubscriptionWorkflow' AND SubscriptionStatus = 'PAST_DUE'"
                + (planId == null ? "" : " AND PlanId = '" + planId + "'");
        List<UUID> ids = temporal.listExecutions(query).limit(VISIBILITY_SCAN)
                .map(execution -> execution.getExecution().getWorkflowId())
                .filter(id -> id.startsWith(SUBSCRIPTION_PREFIX))
                .map(id -> UUID.fromString(id.substring(SUBSCRIPTION_PREFIX.length())))
                .toList();
        SubscriptionRecord cursor = after == null ? null : records.findById(after)
                .orElseThrow(() -> ApiProblems.notFound("Subscription", after));
        java.util.Comparator<SubscriptionRecord> order = java.util.Comparator
                .comparing(SubscriptionRecord::paymentIssueSince, java.util.Comparator.nullsFirst(Instant::compareTo))
                .thenComparing(SubscriptionRecord::id);
        List<SubscriptionRecord> rows = ids.isEmpty() ? List.of() : records.findByIdIn(ids);
        List<FailedRenewal> items = rows.stream()
                .filter(row -> reason == null || reason.name().equals(row.paymentIssue()))
                .filter(row -> failedSince == null || (row.paymentIssueSince() != null
                        && !row.paymentIssueSince().isBefore(failedSince)))
                .filter(row -> failedUntil == null || (row.paymentIssueSince() != null
                        && row.paymentIssueSince().isBefore(failedUntil)))
                .filter(row -> cursor == null || order.compare(row, cursor) > 0)
                .sorted(order)
                .limit(limit + 1L)
                .map(FailedRenewal::of)
                .toList();
        List<FailedRenewal> page = items.stream().limit(limit).toList();
        return new Page(page, items.size() > limit ? page.get(page.size() - 1).subscriptionId() : null, "visibility");
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
                    request.note()));
        } catch (io.temporal.client.WorkflowExecutionAlreadyStarted started) {
            // Started by an earlier attempt of this request.
        }
        return new Batch(batchId, workflowId, 0, 0, List.of(), false);
    }

    public Batch batch(UUID batchId) {
        String workflowId = WorkflowIds.renewalRetry(batchId.toString());
        try {
            RenewalRetryProgress progress = temporal.newWorkflowStub(RenewalRetryBatchWorkflow.class, workflowId)
                    .progress();
            return new Batch(batchId.toString(), workflowId, progress.selected(), progress.retried(),
                    progress.skipped(), progress.done());
        } catch (WorkflowNotFoundException | WorkflowQueryException missing) {
            throw ApiProblems.notFound("Renewal retry batch", batchId);
        }
    }
}

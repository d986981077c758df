package io.perennial.periodic;

import io.perennial.analytics.RollupRequest;
import io.perennial.datalake.DataLakeExportRequest;
import io.perennial.points.PointsExpiryRequest;
import io.perennial.recommendation.RecommendationRefreshRequest;
import io.perennial.reconciliation.SweepRequest;

/**
 * Every periodic job of Perennial, each a Temporal Schedule with a fixed id (visible and pausable in the Temporal UI)
 * that starts one workflow per run. Where the server has no Schedules (the in-process test server of the embedded
 * mode), {@link PeriodicJobLoopWorkflow} with the same id starts the same workflow on a timer instead.
 */
public enum PeriodicJob {
    RECONCILIATION("schedule-reconciliation", "ReconciliationWorkflow"),
    PURGE_IDEMPOTENCY_KEYS("schedule-purge-idempotency-keys", "PurgeWorkflow"),
    PURGE_REFRESH_TOKENS("schedule-purge-refresh-tokens", "PurgeWorkflow"),
    ANALYTICS_ROLLUP("schedule-analytics-rollup", "AnalyticsRollupWorkflow"),
    PURGE_EVENTS("schedule-purge-events", "PurgeWorkflow"),
    POINTS_EXPIRY("schedule-points-expiry", "PointsExpiryWorkflow"),
    RECOMMENDATIONS_REFRESH("schedule-recommendations-refresh", "RecommendationRefreshWorkflow"),
    DATA_LAKE_EXPORT("schedule-data-lake-export", "DataLakeExportWorkflow");

    private final String scheduleId;
    private final String workflowType;

    PeriodicJob(String scheduleId, String workflowType) {
        this.scheduleId = scheduleId;
        this.workflowType = workflowType;
    }

    /** The Schedule's id, and the fallback loop's workflow id. */
    public String scheduleId() {
        return scheduleId;
    }

    /** The workflow type each run starts. */
    public String workflowType() {
        return workflowType;
    }

    /** The argument each run starts its workflow with. */
    public Object argument() {
        return switch (this) {
            case RECONCILIATION -> new SweepRequest("schedule");
            case PURGE_IDEMPOTENCY_KEYS -> new PurgeRequest(PurgeKind.IDEMPOTENCY_KEYS, "schedule");
            case PURGE_REFRESH_TOKENS -> new PurgeRequest(PurgeKind.REFRESH_TOKENS, "schedule");
            case ANALYTICS_ROLLUP -> RollupRequest.scheduled();
            case PURGE_EVENTS -> new PurgeRequest(PurgeKind.EVENTS, "schedule");
            case POINTS_EXPIRY -> PointsExpiryRequest.scheduled();
            case RECOMMENDATIONS_REFRESH -> RecommendationRefreshRequest.scheduled();
            case DATA_LAKE_EXPORT -> DataLakeExportRequest.scheduled();
        };
    }
}

package io.perennial.ops;

/**
 * A bulk retry as ops asked for it: the filter, who asked, and why (kept in the batch's history).
 *
 * @param pageSize            failed renewals selected and signaled by one activity (null: {@value
 *                            RenewalRetryBatchWorkflowImpl#DEFAULT_PAGE_SIZE})
 * @param subscriptionsPerRun after this many, the batch continues as new, so its history stays bounded (null:
 *                            {@value RenewalRetryBatchWorkflowImpl#DEFAULT_SUBSCRIPTIONS_PER_RUN})
 * @param position            where the previous run of the batch stopped; null for the first run
 */
public record RenewalRetryRequest(RenewalRetryFilter filter, String requestedBy, String note, Integer pageSize,
                                  Integer subscriptionsPerRun, RenewalRetryPosition position) {

    public RenewalRetryRequest(RenewalRetryFilter filter, String requestedBy, String note) {
        this(filter, requestedBy, note, null, null, null);
    }

    RenewalRetryRequest continuedAt(RenewalRetryPosition next) {
        return new RenewalRetryRequest(filter, requestedBy, note, pageSize, subscriptionsPerRun, next);
    }
}

package io.perennial.ops;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

import java.util.List;

/** What a bulk retry does outside the workflow: find the failed renewals, and ask each one to retry now. */
@ActivityInterface
public interface RenewalOpsActivities {

    /** How many failed renewals the filter selects now. */
    @ActivityMethod(name = "CountFailedRenewals")
    int countFailedRenewals(RenewalRetryFilter filter);

    /**
     * Selects the next page of failed renewals (oldest failure first) and asks each to retry now; heartbeats as it
     * goes. Signaling a page twice is harmless (see {@link #retryNow}).
     */
    @ActivityMethod(name = "RetryFailedRenewalsPage")
    RenewalRetryPage.Result retryPage(RenewalRetryPage.Request request);

    /**
     * The subscription ids of the failed renewals the filter selects, oldest failure first. Only batches started
     * before {@code renewal-retry-pages} call it.
     */
    @ActivityMethod(name = "SelectFailedRenewals")
    List<String> selectFailedRenewals(RenewalRetryFilter filter);

    /**
     * Signals the subscription's workflow to retry its overdue invoice now; false when it is no longer running.
     * Harmless when it has recovered meanwhile: a subscription with nothing overdue ignores the signal.
     */
    @ActivityMethod(name = "RetryRenewalNow")
    boolean retryNow(String subscriptionId, String requestedBy, String reason);
}

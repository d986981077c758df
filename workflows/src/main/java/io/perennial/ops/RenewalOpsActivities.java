package io.perennial.ops;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

import java.util.List;

/** What a bulk retry does outside the workflow: find the failed renewals, and ask each one to retry now. */
@ActivityInterface
public interface RenewalOpsActivities {

    /** The subscription ids of the failed renewals the filter selects, oldest failure first. */
    @ActivityMethod(name = "SelectFailedRenewals")
    List<String> selectFailedRenewals(RenewalRetryFilter filter);

    /**
     * Signals the subscription's workflow to retry its overdue invoice now; false when it is no longer running.
     * Harmless when it has recovered meanwhile: a subscription with nothing overdue ignores the signal.
     */
    @ActivityMethod(name = "RetryRenewalNow")
    boolean retryNow(String subscriptionId, String requestedBy, String reason);
}

package io.perennial.ops;

import io.perennial.subscription.PaymentRetryRequest;
import io.perennial.subscription.SubscriptionRecord;
import io.perennial.subscription.SubscriptionRecordRepository;
import io.perennial.subscription.SubscriptionWorkflow;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.activity.Activity;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Selects failed renewals from the read model and signals their workflows to retry now. */
@Singleton
public class RenewalOpsActivitiesImpl implements RenewalOpsActivities {
    private static final int PAGE = 500;

    private final SubscriptionRecordRepository records;
    private final WorkflowClient temporal;

    public RenewalOpsActivitiesImpl(SubscriptionRecordRepository records, WorkflowClient temporal) {
        this.records = records;
        this.temporal = temporal;
    }

    @Override
    public int countFailedRenewals(RenewalRetryFilter filter) {
        return Math.toIntExact(records.countFailedRenewals(filter.reason(), filter.planId(), filter.failedSince(),
                filter.failedUntil()));
    }

    @Override
    public RenewalRetryPage.Result retryPage(RenewalRetryPage.Request request) {
        RenewalRetryFilter filter = request.filter();
        List<SubscriptionRecord> page = records.findFailedRenewals(filter.reason(), filter.planId(),
                filter.failedSince(), filter.failedUntil(), request.afterSince(),
                request.afterId() == null ? null : UUID.fromString(request.afterId()), request.limit());
        int retried = 0;
        List<String> skipped = new ArrayList<>();
        for (SubscriptionRecord row : page) {
            if (retryNow(row.id().toString(), request.requestedBy(), request.reason())) {
                retried++;
            } else {
                skipped.add(row.id().toString());
            }
            Activity.getExecutionContext().heartbeat(retried + skipped.size());
        }
        SubscriptionRecord last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new RenewalRetryPage.Result(page.size(), retried, skipped,
                last == null ? null : last.paymentIssueSince(), last == null ? null : last.id().toString());
    }

    @Override
    public List<String> selectFailedRenewals(RenewalRetryFilter filter) {
        List<String> ids = new ArrayList<>();
        SubscriptionRecord last = null;
        while (true) {
            List<SubscriptionRecord> page = records.findFailedRenewals(filter.reason(), filter.planId(),
                    filter.failedSince(), filter.failedUntil(), last == null ? null : last.paymentIssueSince(),
                    last == null ? null : last.id(), PAGE);
            page.forEach(row -> ids.add(row.id().toString()));
            if (page.size() < PAGE) {
                return ids;
            }
            last = page.get(page.size() - 1);
        }
    }

    @Override
    public boolean retryNow(String subscriptionId, String requestedBy, String reason) {
        try {
            temporal.newWorkflowStub(SubscriptionWorkflow.class, WorkflowIds.subscription(subscriptionId))
                    .retryPayment(new PaymentRetryRequest(requestedBy, reason));
            return true;
        } catch (WorkflowNotFoundException ended) {
            return false;
        }
    }

}

package io.perennial.subscription;

import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.PerennialSearchAttributes;
import io.temporal.workflow.Workflow;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What the outside sees of the subscription: the read model (written by an activity, because visibility is
 * eventually consistent), the search attributes, and the UI's "current details" line. Written only when the state
 * changed since the last write. What was last published belongs to this run alone: a new run writes it all again.
 */
final class PublishedView {

    private final SubscriptionRecordActivities records = ActivityStubs.database(SubscriptionRecordActivities.class);
    private final SubscriptionStart start;
    private final Subscription s;

    private long recordedRevision;
    private SubscriptionStatus publishedStatus;
    private Instant publishedNextBillingAt;
    private int publishedFailedPaymentCount = -1;
    private String publishedPlanId;

    PublishedView(SubscriptionStart start, Subscription s) {
        this.start = start;
        this.s = s;
    }

    /** Writes the read model and the search attributes if anything changed since the last write. */
    void publish() {
        while (recordedRevision != s.revision) {
            publishOnce();
        }
    }

    private void publishOnce() {
        long writing = s.revision;
        SubscriptionState state = start.stateOf(s);
        // The UI's "current details" line (user metadata, not a command: safe for replay), set before the write so
        // that it is there as soon as the task that changed the state completes.
        Workflow.setCurrentDetails(currentDetails(state));
        records.recordSubscription(state);
        // A change accepted while the write ran (a cancel, say) is not in the row yet: write again.
        recordedRevision = s.revision != writing
                && Workflow.getVersion(EngineChanges.PUBLISH_EVERY_REVISION, Workflow.DEFAULT_VERSION, 1) == 1
                ? writing : s.revision;
        int failedPaymentCount = s.arrears.failedPaymentCount;
        if (s.status != publishedStatus || !Objects.equals(state.nextBillingAt(), publishedNextBillingAt)
                || failedPaymentCount != publishedFailedPaymentCount || !s.plan.planId().equals(publishedPlanId)) {
            Workflow.upsertTypedSearchAttributes(
                    PerennialSearchAttributes.SUBSCRIPTION_STATUS.valueSet(s.status.name()),
                    PerennialSearchAttributes.PLAN_ID.valueSet(s.plan.planId()),
                    state.nextBillingAt() == null
                            ? PerennialSearchAttributes.NEXT_BILLING_AT.valueUnset()
                            : PerennialSearchAttributes.NEXT_BILLING_AT.valueSet(
                                    state.nextBillingAt().atOffset(ZoneOffset.UTC)),
                    PerennialSearchAttributes.FAILED_PAYMENT_COUNT.valueSet((long) failedPaymentCount));
            publishedStatus = s.status;
            publishedNextBillingAt = state.nextBillingAt();
            publishedFailedPaymentCount = failedPaymentCount;
            publishedPlanId = s.plan.planId();
        }
    }

    /** e.g. "ACTIVE · Digital monthly v2 · period 7 · next billing 2027-03-31T09:00:00Z". */
    static String currentDetails(SubscriptionState state) {
        StringBuilder line = new StringBuilder(state.status().name()).append(" · ").append(state.planId());
        if (state.planVersion() != null && state.planVersion() > 0) {
            line.append(" v").append(state.planVersion());
        }
        if (state.currentPeriod() != null) {
            line.append(" · period ").append(state.currentPeriod().number());
        }
        if (state.paymentIssue() != null) {
            line.append(" · ").append(state.paymentIssue()).append(" since ").append(state.paymentIssueSince());
        }
        if (state.nextBillingAt() != null) {
            line.append(" · next ").append(state.status() == SubscriptionStatus.PAST_DUE ? "retry " : "billing ")
                    .append(state.nextBillingAt());
        }
        return line.toString();
    }
}

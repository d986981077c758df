package io.perennial.subscription;

import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.PerennialSearchAttributes;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the outside sees of the subscription: the read model (written by an activity, because visibility is
 * eventually consistent), the search attributes, and the UI's "current details" line. Written only when the state
 * changed since the last write. What was last published belongs to this run alone: a new run writes it all again.
 */
final class PublishedView {

    private final SubscriptionRecordActivities records = ActivityStubs.database(SubscriptionRecordActivities.class);
    private final SubscriptionRecordActivities localRecords =
            ActivityStubs.localDatabase(SubscriptionRecordActivities.class);
    private final SubscriptionStart start;
    private final Subscription s;
    private final ThisRun thisRun;

    private long recordedRevision;
    private SubscriptionStatus publishedStatus;
    private Instant publishedNextBillingAt;
    private int publishedFailedPaymentCount = -1;
    private String publishedPlanId;
    private String publishedPaymentIssue;
    private Instant publishedPaymentIssueSince;

    PublishedView(SubscriptionStart start, Subscription s, ThisRun thisRun) {
        this.start = start;
        this.s = s;
        this.thisRun = thisRun;
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
        if (publishesLocally()) {
            localRecords.recordSubscriptionAt(state, io.perennial.temporal.BusinessTime.now());
        } else {
            records.recordSubscription(state);
        }
        // A change accepted while the write ran (a cancel, say) is not in the row yet: write again.
        recordedRevision = s.revision != writing
                && Workflow.getVersion(EngineChanges.PUBLISH_EVERY_REVISION, Workflow.DEFAULT_VERSION, 1) == 1
                ? writing : s.revision;
        int failedPaymentCount = s.arrears.failedPaymentCount;
        boolean viewChanged = s.status != publishedStatus
                || !Objects.equals(state.nextBillingAt(), publishedNextBillingAt)
                || failedPaymentCount != publishedFailedPaymentCount || !s.plan.planId().equals(publishedPlanId);
        boolean issueChanged = (!Objects.equals(state.paymentIssue(), publishedPaymentIssue)
                || !Objects.equals(state.paymentIssueSince(), publishedPaymentIssueSince))
                && paymentIssueIsSearchable();
        if (!viewChanged && !issueChanged) {
            return;
        }
        List<SearchAttributeUpdate<?>> updates = new ArrayList<>(List.of(
                PerennialSearchAttributes.SUBSCRIPTION_STATUS.valueSet(s.status.name()),
                PerennialSearchAttributes.PLAN_ID.valueSet(s.plan.planId()),
                instant(PerennialSearchAttributes.NEXT_BILLING_AT, state.nextBillingAt()),
                PerennialSearchAttributes.FAILED_PAYMENT_COUNT.valueSet((long) failedPaymentCount)));
        if (issueChanged) {
            updates.add(state.paymentIssue() == null ? PerennialSearchAttributes.PAYMENT_ISSUE.valueUnset()
                    : PerennialSearchAttributes.PAYMENT_ISSUE.valueSet(state.paymentIssue()));
            updates.add(instant(PerennialSearchAttributes.PAYMENT_ISSUE_SINCE, state.paymentIssueSince()));
            publishedPaymentIssue = state.paymentIssue();
            publishedPaymentIssueSince = state.paymentIssueSince();
        }
        Workflow.upsertTypedSearchAttributes(updates.toArray(SearchAttributeUpdate<?>[]::new));
        publishedStatus = s.status;
        publishedNextBillingAt = state.nextBillingAt();
        publishedFailedPaymentCount = failedPaymentCount;
        publishedPlanId = s.plan.planId();
    }

    /**
     * Whether this run writes the read model from the workflow task that changed the state, as a local activity
     * ({@link EngineChanges#PUBLISH_LOCALLY}). Asked once, at the run's first publish.
     */
    private boolean publishesLocally() {
        if (thisRun.publishesLocally == null) {
            thisRun.publishesLocally =
                    Workflow.getVersion(EngineChanges.PUBLISH_LOCALLY, Workflow.DEFAULT_VERSION, 1) == 1;
        }
        return thisRun.publishesLocally;
    }

    /**
     * Whether this run shows its payment issue as search attributes, so that the failed-renewal list is a visibility
     * query. Asked only once a payment issue is first published: an uneventful history carries no marker.
     */
    private static boolean paymentIssueIsSearchable() {
        return Workflow.getVersion(EngineChanges.PAYMENT_ISSUE_SEARCHABLE, Workflow.DEFAULT_VERSION, 1) == 1;
    }

    private static SearchAttributeUpdate<OffsetDateTime> instant(SearchAttributeKey<OffsetDateTime> key, Instant at) {
        return at == null ? key.valueUnset() : key.valueSet(at.atOffset(ZoneOffset.UTC));
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

package io.perennial.subscription;

import io.perennial.payment.ChargeReceipt;
import io.perennial.payment.PaymentActivities;
import io.perennial.payment.PaymentFailures;
import io.perennial.payment.RenewalCharge;
import io.perennial.temporal.PerennialSearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Supplier;

import static io.perennial.temporal.BusinessTime.now;

/**
 * The first subscription engine (the walking skeleton): trial, then a charge at the start of every period,
 * dunning on declines, and cancellation now or at period end. Kept unchanged so subscriptions started before
 * the {@code lifecycle-engine} version replay and finish as they began; new subscriptions never run it.
 */
final class SkeletonLifecycle {

    private static final Logger log = Workflow.getLogger(SkeletonLifecycle.class);

    private final PaymentActivities payments;
    private final SubscriptionRecordActivities records;

    private final SubscriptionStart start;
    private final Instant startedAt;
    private final Instant trialEnd;
    private SubscriptionStatus status;
    private BillingPeriod currentPeriod;
    private Instant nextBillingAt;
    private boolean cancelAtPeriodEnd;
    private boolean cancelNow;
    private String cancelReason;
    private Instant canceledAt;
    private int failedPaymentCount;
    private long revision;
    private long recordedRevision;
    private SubscriptionStatus publishedStatus;
    private Instant publishedNextBillingAt;
    private int publishedFailedPaymentCount;

    SkeletonLifecycle(SubscriptionStart start, PaymentActivities payments, SubscriptionRecordActivities records) {
        this.payments = payments;
        this.records = records;
        this.start = start;
        this.startedAt = now();
        int trialDays = start.plan().trialDays();
        this.trialEnd = trialDays > 0 ? startedAt.plus(Duration.ofDays(trialDays)) : null;
        this.status = trialEnd != null ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE;
        this.nextBillingAt = trialEnd != null ? trialEnd : startedAt;
        this.revision = 1;
    }

    SubscriptionState run() {
        publish();
        Instant anchor = startedAt;
        if (trialEnd != null) {
            waitUntil(trialEnd, () -> cancelNow);
            if (cancelNow || cancelAtPeriodEnd) {
                return finishCanceled();
            }
            anchor = trialEnd;
        }
        BillingSchedule schedule = new BillingSchedule(anchor, start.plan().interval());
        for (int number = 1; ; number++) {
            BillingPeriod period = schedule.period(number);
            currentPeriod = period;
            nextBillingAt = period.end();
            changed();
            if (!collect(period)) {
                return finishCanceled();
            }
            waitUntil(period.end(), () -> cancelNow);
            if (cancelNow || cancelAtPeriodEnd) {
                return finishCanceled();
            }
        }
    }

    void cancel(CancelRequest request) {
        if (status == SubscriptionStatus.CANCELED || cancelNow) {
            return;
        }
        cancelReason = request.reason();
        if (request.timing() == CancelTiming.IMMEDIATELY) {
            cancelNow = true;
        } else {
            cancelAtPeriodEnd = true;
        }
        changed();
    }

    SubscriptionState state() {
        return SubscriptionState.skeleton(start.subscriptionId(), start.customerId(), start.plan().planId(), status,
                startedAt, trialEnd, currentPeriod, nextBillingAt, cancelAtPeriodEnd, canceledAt, cancelReason,
                failedPaymentCount, revision);
    }

    /**
     * Charges the period, and on a decline runs the dunning schedule. Returns true once the period is paid,
     * false when the subscription ends instead (canceled meanwhile, or every retry declined).
     */
    private boolean collect(BillingPeriod period) {
        if (tryCharge(period, "renewal")) {
            return true;
        }
        Instant firstDecline = now();
        int retry = 0;
        for (Duration offset : start.dunning().retryOffsets()) {
            retry++;
            nextBillingAt = firstDecline.plus(offset);
            changed();
            waitUntil(nextBillingAt, () -> cancelNow || cancelAtPeriodEnd);
            if (cancelNow || cancelAtPeriodEnd) {
                return false;
            }
            if (tryCharge(period, "dunning-" + retry)) {
                return true;
            }
        }
        cancelReason = "payment_failed";
        return false;
    }

    private boolean tryCharge(BillingPeriod period, String purpose) {
        RenewalCharge charge = new RenewalCharge(start.subscriptionId(), start.customerId(), period.number(), purpose,
                start.plan().amountMinor(), start.plan().currency(), start.paymentMethod(), now());
        try {
            ChargeReceipt receipt = payments.chargeRenewal(charge);
            log.info("Period {} paid: {} {} ({})", period.number(), receipt.amountMinor(), receipt.currency(),
                    receipt.paymentId());
            status = SubscriptionStatus.ACTIVE;
            failedPaymentCount = 0;
            nextBillingAt = period.end();
            changed();
            return true;
        } catch (ActivityFailure failure) {
            if (!isDecline(failure)) {
                throw failure;
            }
            log.info("Period {} charge {} declined", period.number(), purpose);
            status = SubscriptionStatus.PAST_DUE;
            failedPaymentCount++;
            changed();
            return false;
        }
    }

    private static boolean isDecline(ActivityFailure failure) {
        return failure.getCause() instanceof ApplicationFailure cause
                && PaymentFailures.PAYMENT_DECLINED.equals(cause.getType());
    }

    private SubscriptionState finishCanceled() {
        status = SubscriptionStatus.CANCELED;
        canceledAt = now();
        nextBillingAt = null;
        if (cancelReason == null) {
            cancelReason = "customer_request";
        }
        changed();
        publish();
        return state();
    }

    /**
     * Sleeps until {@code deadline} or until {@code interrupted} holds, writing the read model whenever a
     * signal changed the state meanwhile.
     */
    private void waitUntil(Instant deadline, Supplier<Boolean> interrupted) {
        while (true) {
            publish();
            Duration remaining = Duration.between(now(), deadline);
            if (remaining.isNegative() || remaining.isZero() || interrupted.get()) {
                return;
            }
            Workflow.await(remaining, () -> interrupted.get() || revision != recordedRevision);
        }
    }

    private void changed() {
        revision++;
    }

    /** Writes the read model and the search attributes if anything changed since the last write. */
    private void publish() {
        if (recordedRevision == revision) {
            return;
        }
        records.recordSubscription(state());
        recordedRevision = revision;
        if (status != publishedStatus || !Objects.equals(nextBillingAt, publishedNextBillingAt)
                || failedPaymentCount != publishedFailedPaymentCount) {
            Workflow.upsertTypedSearchAttributes(
                    PerennialSearchAttributes.SUBSCRIPTION_STATUS.valueSet(status.name()),
                    PerennialSearchAttributes.PLAN_ID.valueSet(start.plan().planId()),
                    nextBillingAt == null
                            ? PerennialSearchAttributes.NEXT_BILLING_AT.valueUnset()
                            : PerennialSearchAttributes.NEXT_BILLING_AT.valueSet(nextBillingAt.atOffset(ZoneOffset.UTC)),
                    PerennialSearchAttributes.FAILED_PAYMENT_COUNT.valueSet((long) failedPaymentCount));
            publishedStatus = status;
            publishedNextBillingAt = nextBillingAt;
            publishedFailedPaymentCount = failedPaymentCount;
        }
    }
}

package io.perennial.subscription;

import io.perennial.billing.CouponDuration;
import io.perennial.billing.CouponTerms;
import io.perennial.billing.IssuedInvoice;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run continued before {@link Subscription} existed starts from the old {@link SubscriptionCarryOver} on today's
 * code and carries on as the old code did: the next period's number, keys, coupon and revision follow on.
 */
class SubscriptionOldCarryOverTest extends SubscriptionWorkflowTestSupport {

    @Test
    void aRunContinuedWithTheOldCarryOverBillsTheNextPeriodWithItsKeysAndItsLastDiscount(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        Instant twoYearsAgo = Instant.parse("2025-01-31T09:00:00Z");
        SubscriptionCarryOver carried = new SubscriptionCarryOver(SubscriptionStatus.ACTIVE, MONTHLY, "pm_card_visa",
                twoYearsAgo, null, twoYearsAgo, 1,
                new BillingPeriod(24, Instant.parse("2026-12-31T09:00:00Z"), JAN_31_2027), JAN_31_2027, null, 0,
                false, null, false, null, null, null, 0, 2, 26,
                new CouponTerms("SPRING15", 1500, 0, null, CouponDuration.REPEATING, 3), 1, 0,
                "24:renewal-upcoming:plan_basic_monthly", 1104L);
        SubscriptionWorkflow workflow = start(env, client, worker, new SubscriptionStart("sub-old-shape", "cust-1",
                MONTHLY, "pm_card_visa", null, 12, carried, null, null, null));

        env.sleep(Duration.ofHours(1));

        SubscriptionState state = workflow.state();
        assertThat(state.currentPeriod()).isEqualTo(new BillingPeriod(25, JAN_31_2027,
                Instant.parse("2027-02-28T09:00:00Z")));
        assertThat(state.accessUntil()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z"));
        assertThat(state.couponCode()).as("its last discounted invoice is used").isNull();
        assertThat(state.revision()).as("revision 26 handed over, 27 at start, then billed").isGreaterThan(27);
        IssuedInvoice invoice = billing.invoice("sub-old-shape:25:renewal");
        assertThat(invoice).isNotNull();
        assertThat(invoice.totalMinor()).as("15% off 1299, rounded half up").isEqualTo(1299 - 195);
        assertThat(records.last().revision()).isEqualTo(state.revision());
    }
}

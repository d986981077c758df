package io.perennial.subscription;

import io.perennial.billing.CouponDuration;
import io.perennial.billing.CouponTerms;
import io.perennial.order.ShippingAddress;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one run hands to the next through continue-as-new, read with the SDK's own (Jackson) converter: runs that
 * continued before {@link Subscription} existed carry a {@link SubscriptionCarryOver}, and must begin as they did.
 */
class SubscriptionHandOverTest {

    private final DataConverter converter = DefaultDataConverter.newDefaultInstance();

    @Test
    void aRunContinuedWithTheOldCarryOverBeginsWhereTheLastRunStopped() throws IOException {
        WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(Files.readString(
                Histories.directory().resolve("subscription-two-years-continued.json")));
        Payloads input = history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getInput();
        SubscriptionStart start = converter.fromPayloads(0, Optional.of(input), SubscriptionStart.class,
                SubscriptionStart.class);

        assertThat(start.firstRun()).isFalse();
        Subscription s = start.subscriptionAt(Instant.parse("2029-01-24T09:00:00Z"));

        assertThat(s.runs).as("run").isEqualTo(3);
        assertThat(s.revision).as("revision").isEqualTo(27);
        assertThat(s.status).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(s.plan.planId()).isEqualTo("plan_basic_monthly");
        assertThat(s.startedAt).isEqualTo(Instant.parse("2027-01-31T09:00:00Z"));
        assertThat(s.billing.anchor).isEqualTo(Instant.parse("2027-01-31T09:00:00Z"));
        assertThat(s.billing.anchorPeriod).isEqualTo(1);
        assertThat(s.billing.currentPeriod.number()).isEqualTo(24);
        assertThat(s.billing.paidThrough).isEqualTo(Instant.parse("2029-01-31T09:00:00Z"));
        assertThat(s.billing.periodValueMinor).as("not kept then: the plan's price applies").isNull();
        assertThat(s.periodValue()).isEqualTo(1299);
        assertThat(s.reminders.lastSent).isEqualTo("24:renewal-upcoming:plan_basic_monthly");
        assertThat(s.arrears.dunning).isNull();
        assertThat(s.pending.scheduledPlan).isNull();
    }

    @Test
    void aRunContinuedWithTheNewStateBeginsWithEveryFieldItWasHanded() {
        PlanTerms monthly = new PlanTerms("plan_basic_monthly", "Basic monthly", 1299, "EUR",
                BillingInterval.monthly(), 0);
        PlanTerms cheaper = new PlanTerms("plan_lite_monthly", "Lite monthly", 799, "EUR", BillingInterval.monthly(), 0);
        SubscriptionStart first = new SubscriptionStart("sub-1", "cust-1", monthly, "pm_card_visa", null, 3, null,
                "spring15", new ReferralReward("cust-9", 500), null, null);
        Subscription s = first.subscriptionAt(Instant.parse("2027-01-31T09:00:00Z"));
        s.shippingAddress = new ShippingAddress("Ada Lovelace", "1 Analytical Way", null, "London", "N1 9GU", "GB");
        s.billing.currentPeriod = s.schedulePeriod(3);
        s.billing.periodValueMinor = 1104L;
        s.arrears.failedPaymentCount = 2;
        s.arrears.dunning = new Dunning(s.billing.currentPeriod, "inv-3", 1104, Instant.parse("2027-04-01T09:00:00Z"),
                1, 2);
        s.pending.scheduledPlan = cheaper;
        s.pending.planChanges = 1;
        s.pending.resumeAt = Instant.parse("2027-06-01T00:00:00Z");
        // A hand-over while an upgrade waits for the customer (the history grew too long) keeps the change pending.
        s.pending.awaitedChange = new AwaitedPlanChange(cheaper, s.items, true, new PlanChangeQuote(
                "plan_basic_monthly", "plan_lite_monthly", PlanChangeTiming.IMMEDIATELY,
                Instant.parse("2027-04-10T09:00:00Z"), "EUR", 835, 1607, 772, 0, 0), "inv-change-2", 772,
                s.billing.currentPeriod, "change-2", Instant.parse("2027-04-11T08:00:00Z"));
        s.discounts.coupon = new CouponTerms("SPRING15", 1500, 0, null, CouponDuration.REPEATING, 3);
        s.discounts.couponInvoicesLeft = 1;
        s.discounts.referralPeriod = 1;
        s.reminders.lastSent = "4:renewal-upcoming:plan_lite_monthly";

        SubscriptionStart next = first.continuedWith(s);
        SubscriptionStart read = converter.fromPayloads(0, converter.toPayloads(next), SubscriptionStart.class,
                SubscriptionStart.class);

        assertThat(read.firstRun()).isFalse();
        assertThat(read.carryOver()).as("the old shape is no longer written").isNull();
        assertThat(read.shippingAddress()).isEqualTo(s.shippingAddress);
        Subscription handed = read.subscriptionAt(Instant.parse("2027-05-01T09:00:00Z"));
        assertThat(handed.runs).isEqualTo(2);
        assertThat(handed.revision).isEqualTo(2);
        assertThat(handed).usingRecursiveComparison().ignoringFields("runs", "revision").isEqualTo(s);
    }
}

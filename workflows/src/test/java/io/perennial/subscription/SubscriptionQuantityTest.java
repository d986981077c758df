package io.perennial.subscription;

import io.perennial.billing.CouponDuration;
import io.perennial.billing.CouponTerms;
import io.perennial.billing.InvoiceLine;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.payment.InvoiceCharge;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A subscription of several units of its plan (seats) and add-ons: every invoice bills the plan's price times the
 * quantity and each add-on's, and discounts and prorations work on that extended amount. Changing them mid-period
 * prorates like a plan change. A monthly first period runs 31 Jan to 28 Feb 2027 (28 days); TEAM_30_DAYS's, 30 days.
 */
class SubscriptionQuantityTest extends SubscriptionWorkflowTestSupport {

    @Test
    void threeSeatsBillThreeTimesThePlansPriceEveryPeriodWithTheCouponOffTheWhole(TestWorkflowEnvironment env,
                                                                                WorkflowClient client,
                                                                                Worker worker) {
        billing.coupon(new CouponTerms("SPRING15", 1500, 0, null, CouponDuration.REPEATING, 1));
        SubscriptionWorkflow workflow = start(env, client, worker, seats("sub-seats", MONTHLY, "SPRING15", 3));
        env.sleep(Duration.ofDays(29));

        // 3 × 1299 = 3897; 15% of it is 584.55 → 585 off once; the second period bills the full 3897.
        assertThat(billing.invoice("sub-seats:1:renewal").lines())
                .extracting(InvoiceLine::kind, InvoiceLine::description, InvoiceLine::amountMinor)
                .containsExactly(
                        tuple(InvoiceLineKind.PLAN, "Basic monthly \u00d7 3, period 1 (2027-01-31 to 2027-02-28)",
                                3897L),
                        tuple(InvoiceLineKind.DISCOUNT, "Coupon SPRING15", -585L));
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey, InvoiceCharge::amountMinor)
                .containsExactly(tuple("sub-seats:1:renewal", 3312L), tuple("sub-seats:2:renewal", 3897L));
        SubscriptionState state = workflow.state();
        assertThat(state.quantity()).isEqualTo(3);
        assertThat(state.amountMinor()).isEqualTo(3897L);
        assertThat(records.last().quantity()).as("the read model's copy").isEqualTo(3);
    }

    @Test
    void anUpgradeOfThreeSeatsProratesThreeTimesBothPlansPrices(TestWorkflowEnvironment env, WorkflowClient client,
                                                                 Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, seats("sub-seats-up", MONTHLY, null, 3));
        env.sleep(Duration.ofDays(10));

        // 18 of 28 days left: credit 3897 × 18/28 = 2505.21 → 2505, charge 3 × 2499 × 18/28 = 4819.5 → 4820.
        PlanChangeResult result = workflow.changePlan(new PlanChangeRequest(PREMIUM_MONTHLY));
        assertThat(result.quote()).isEqualTo(new PlanChangeQuote("plan_basic_monthly", "plan_premium_monthly",
                PlanChangeTiming.IMMEDIATELY, Instant.parse("2027-02-10T09:00:00Z"), "EUR", 2505, 4820, 2315, 0, 0));
        assertThat(result.state().amountMinor()).isEqualTo(7497L);

        env.sleep(Duration.ofDays(19));
        assertThat(payments.paid()).extracting(InvoiceCharge::amountMinor).containsExactly(3897L, 2315L, 7497L);
    }

    @Test
    void anAddOnIsAnExtraLineOfEveryInvoiceAndTheCouponComesOffTheWhole(TestWorkflowEnvironment env,
                                                                       WorkflowClient client, Worker worker) {
        billing.coupon(new CouponTerms("TEAM10", 1000, 0, null, CouponDuration.FOREVER, 0));
        SubscriptionItems items = new SubscriptionItems(3, List.of(SUPPORT.withQuantity(2)));
        SubscriptionWorkflow workflow = start(env, client, worker, new SubscriptionStart("sub-addon", "cust-1",
                MONTHLY, "pm_card_visa", null, 0, null, "TEAM10", null, null, null, null, null, false, false, items));
        env.sleep(Duration.ofDays(29));

        // 3 × 1299 + 2 × 500 = 4897; 10% of it is 489.7 → 490 off; 4407 charged each period.
        assertThat(billing.invoice("sub-addon:2:renewal").lines())
                .extracting(InvoiceLine::kind, InvoiceLine::description, InvoiceLine::amountMinor)
                .containsExactly(
                        tuple(InvoiceLineKind.PLAN, "Basic monthly \u00d7 3, period 2 (2027-02-28 to 2027-03-31)",
                                3897L),
                        tuple(InvoiceLineKind.ADD_ON, "Priority support \u00d7 2, period 2", 1000L),
                        tuple(InvoiceLineKind.DISCOUNT, "Coupon TEAM10", -490L));
        assertThat(payments.paid()).extracting(InvoiceCharge::amountMinor).containsExactly(4407L, 4407L);
        SubscriptionState state = workflow.state();
        assertThat(state.addOns()).containsExactly(SUPPORT.withQuantity(2));
        assertThat(state.amountMinor()).isEqualTo(4897L);
    }

    @Test
    void twoMoreSeatsOnDayTenAreChargedProratedAtOnceAndAFewerSeatsWaitForThePeriodEnd(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, seats("sub-items", TEAM_30_DAYS, null, 3));
        env.sleep(Duration.ofDays(10));
        Instant day10 = Instant.parse("2027-02-10T09:00:00Z");

        // 20 of 30 days left. Credit 3 × 1299 × 20/30 = 2598, charge 5 × 1299 × 20/30 = 4330: 1732 due now.
        ItemChange fiveSeats = ItemChange.quantity(5, false);
        PlanChangeQuote preview = workflow.previewItemChange(fiveSeats);
        assertThat(preview).isEqualTo(new PlanChangeQuote("plan_team", "plan_team", PlanChangeTiming.IMMEDIATELY,
                day10, "EUR", 2598, 4330, 1732, 0, 0));
        PlanChangeResult five = workflow.changeItems(fiveSeats);
        assertThat(five.quote()).isEqualTo(preview);
        assertThat(five.state().quantity()).isEqualTo(5);
        assertThat(billing.invoice("sub-items:1:change-1").lines())
                .extracting(InvoiceLine::kind, InvoiceLine::description, InvoiceLine::amountMinor)
                .containsExactly(tuple(InvoiceLineKind.PRORATION_CREDIT, "Unused time on Team \u00d7 3", -2598L),
                        tuple(InvoiceLineKind.PRORATION_CHARGE, "Team \u00d7 5 from " + day10, 4330L));

        // The add-on the same day: credit 6495 × 20/30 = 4330, charge 6995 × 20/30 = 4663.33 → 4663: 333 due.
        PlanChangeResult withSupport = workflow.changeItems(ItemChange.addOn(
                new AddOnChange("priority-support", 1, SUPPORT), false));
        assertThat(withSupport.quote()).extracting(PlanChangeQuote::creditMinor, PlanChangeQuote::chargeMinor,
                PlanChangeQuote::amountDueNowMinor).containsExactly(4330L, 4663L, 333L);

        // Back to four seats: nothing now, the next period bills four.
        PlanChangeResult four = workflow.changeItems(ItemChange.quantity(4, false));
        assertThat(four.quote().timing()).isEqualTo(PlanChangeTiming.AT_PERIOD_END);
        assertThat(four.invoiceId()).isNull();
        assertThat(four.state().quantity()).isEqualTo(5);
        assertThat(four.state().scheduledItems()).isEqualTo(new SubscriptionItems(4, List.of(SUPPORT)));
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey, InvoiceCharge::amountMinor)
                .containsExactly(tuple("sub-items:1:renewal", 3897L), tuple("sub-items:1:change-1", 1732L),
                        tuple("sub-items:1:change-2", 333L));

        env.sleep(Duration.ofDays(20).plusHours(1));
        assertThat(billing.invoice("sub-items:2:renewal").lines()).extracting(InvoiceLine::amountMinor)
                .containsExactly(5196L, 500L);
        assertThat(workflow.state().quantity()).isEqualTo(4);
        assertThat(workflow.state().scheduledItems()).isNull();
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-items"), "subscription-item-changes");
    }

    @Test
    void removingAnAddOnNowCreditsItsUnusedTimeAsAPlanChangeDowngradeWould(TestWorkflowEnvironment env,
                                                                           WorkflowClient client, Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, new SubscriptionStart("sub-remove", "cust-1",
                TEAM_30_DAYS, "pm_card_visa", null, 0, null, null, null, null, null, null, null, false, false,
                new SubscriptionItems(1, List.of(SUPPORT))));
        env.sleep(Duration.ofDays(10));

        // Credit (1299 + 500) × 20/30 = 1199.33 → 1199, charge 1299 × 20/30 = 866: nothing due, 333 kept as credit.
        PlanChangeResult removed = workflow.changeItems(ItemChange.addOn(
                new AddOnChange("priority-support", 0, null), true));
        assertThat(removed.quote()).extracting(PlanChangeQuote::timing, PlanChangeQuote::creditMinor,
                PlanChangeQuote::chargeMinor, PlanChangeQuote::amountDueNowMinor, PlanChangeQuote::accountCreditMinor)
                .containsExactly(PlanChangeTiming.IMMEDIATELY, 1199L, 866L, 0L, 333L);
        assertThat(removed.state().addOns()).isEmpty();
        assertThat(billing.creditBalance("cust-1")).isEqualTo(333L);

        env.sleep(Duration.ofDays(20).plusHours(1));
        assertThat(payments.paid()).extracting(InvoiceCharge::amountMinor).containsExactly(1799L, 966L);
    }

    @Test
    void aChangeOfItemsThatCannotApplyIsRefusedAndLeavesNoTrace(TestWorkflowEnvironment env, WorkflowClient client,
                                                                Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, seats("sub-refused", TEAM_30_DAYS, null, 3));
        env.sleep(Duration.ofDays(1));

        assertRejected(() -> workflow.changeItems(ItemChange.quantity(3, false)), "already bills that");
        assertRejected(() -> workflow.changeItems(ItemChange.quantity(0, false)), "1 to 10000");
        assertRejected(() -> workflow.changeItems(ItemChange.addOn(new AddOnChange("priority-support", 0, null),
                true)), "is not carried");
        assertRejected(() -> workflow.changeItems(ItemChange.addOn(new AddOnChange("priority-support", 1,
                new AddOnItem("priority-support", "Support", 500, "USD", 1)), false)), "priced in USD");
        assertThat(workflow.state().revision()).isEqualTo(records.last().revision());
        assertThat(billing.invoices()).hasSize(1);
    }

    private static void assertRejected(Runnable change, String why) {
        assertThatThrownBy(change::run).isInstanceOf(WorkflowUpdateException.class)
                .rootCause().hasMessageContaining(why);
    }

    static final PlanTerms TEAM_30_DAYS = new PlanTerms("plan_team", "Team", 1299, "EUR",
            new BillingInterval(IntervalUnit.DAY, 30), 0);

    static final AddOnItem SUPPORT = new AddOnItem("priority-support", "Priority support", 500, "EUR", 1);

    static SubscriptionStart seats(String subscriptionId, PlanTerms plan, String couponCode, int quantity) {
        return new SubscriptionStart(subscriptionId, "cust-1", plan, "pm_card_visa", null, 0, null, couponCode, null,
                null, null, null, null, false, false, SubscriptionItems.of(quantity));
    }
}

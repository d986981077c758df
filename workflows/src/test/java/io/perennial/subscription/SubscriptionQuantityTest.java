package io.perennial.subscription;

import io.perennial.billing.CouponDuration;
import io.perennial.billing.CouponTerms;
import io.perennial.billing.InvoiceLine;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.payment.InvoiceCharge;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A subscription of several units of its plan (seats): every invoice bills the plan's price times the quantity, and
 * discounts and prorations work on that extended amount. The first period runs 31 Jan to 28 Feb 2027: 28 days.
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
                PlanChangeTiming.IMMEDIATELY, Instant.parse("2027-02-10T09:00:00Z"), "EUR", 2505, 4820, 2315, 0));
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
                MONTHLY, "pm_card_visa", null, 0, null, "TEAM10", null, null, null, null, null, false, items));
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

    static final AddOnItem SUPPORT = new AddOnItem("priority-support", "Priority support", 500, "EUR", 1);

    static SubscriptionStart seats(String subscriptionId, PlanTerms plan, String couponCode, int quantity) {
        return new SubscriptionStart(subscriptionId, "cust-1", plan, "pm_card_visa", null, 0, null, couponCode, null,
                null, null, null, null, false, SubscriptionItems.of(quantity));
    }
}

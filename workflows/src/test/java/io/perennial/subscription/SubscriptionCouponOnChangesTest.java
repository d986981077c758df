package io.perennial.subscription;

import io.perennial.billing.CouponDuration;
import io.perennial.billing.CouponTerms;
import io.perennial.billing.InvoiceLine;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.payment.InvoiceCharge;
import io.perennial.payment.RefundReceipt;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.perennial.subscription.SubscriptionQuantityTest.TEAM_30_DAYS;
import static io.perennial.subscription.SubscriptionQuantityTest.seats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A coupon discounts what a change charges mid-period as it discounted the period (change id
 * {@code coupon-on-changes}): the credit is for what the period cost, the charge for what it costs after the change
 * with the same coupon, and the changed period is worth that afterwards. The worked examples of docs/billing.md.
 */
class SubscriptionCouponOnChangesTest extends SubscriptionWorkflowTestSupport {

    @Test
    void twoMoreSeatsOnDayTenAreDiscountedByTheCouponThePeriodWasSoldWith(TestWorkflowEnvironment env,
                                                                          WorkflowClient client, Worker worker) {
        billing.coupon(new CouponTerms("TEAM15", 1500, 0, null, CouponDuration.FOREVER, 0));
        SubscriptionWorkflow workflow = start(env, client, worker, seats("sub-seats-coupon", TEAM_30_DAYS, "TEAM15",
                3));
        env.sleep(Duration.ofDays(10));
        Instant day10 = Instant.parse("2027-02-10T09:00:00Z");

        // The period cost 3897 - 584.55 → 585 = 3312; 20 of 30 days are left: credit 2208. Five seats are worth
        // 6495 - 974.25 → 974 = 5521: charge 5521 × 20/30 = 3680.67 → 3681, shown as 4330 less 649. Due: 1473.
        PlanChangeQuote preview = workflow.previewItemChange(ItemChange.quantity(5, false));
        assertThat(preview).isEqualTo(new PlanChangeQuote("plan_team", "plan_team", PlanChangeTiming.IMMEDIATELY,
                day10, "EUR", 2208, 3681, 1473, 0, 649));
        PlanChangeResult five = workflow.changeItems(ItemChange.quantity(5, false));
        assertThat(five.quote()).isEqualTo(preview);
        assertThat(billing.invoice("sub-seats-coupon:1:change-1").lines())
                .extracting(InvoiceLine::kind, InvoiceLine::description, InvoiceLine::amountMinor)
                .containsExactly(tuple(InvoiceLineKind.PRORATION_CREDIT, "Unused time on Team \u00d7 3", -2208L),
                        tuple(InvoiceLineKind.PRORATION_CHARGE, "Team \u00d7 5 from " + day10, 4330L),
                        tuple(InvoiceLineKind.DISCOUNT, "Coupon TEAM15", -649L));

        // The changed period is worth 5521, not 6495: a cancel on day 20 refunds 5521 × 10/30 = 1840.33 → 1840.
        env.sleep(Duration.ofDays(10));
        workflow.cancelSubscription(new CancelRequest(CancelTiming.IMMEDIATELY, "moving", true));
        assertThat(payments.paid()).extracting(InvoiceCharge::idempotencyKey, InvoiceCharge::amountMinor)
                .containsExactly(tuple("sub-seats-coupon:1:renewal", 3312L),
                        tuple("sub-seats-coupon:1:change-1", 1473L));
        assertThat(payments.refunds()).extracting(RefundReceipt::amountMinor).containsExactly(1840L);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-seats-coupon"),
                "subscription-coupon-on-seat-increase");
    }

    @Test
    void anUpgradeAfterACouponForOneInvoiceIsStillDiscountedForTheRestOfThatPeriod(TestWorkflowEnvironment env,
                                                                                  WorkflowClient client,
                                                                                  Worker worker) {
        billing.coupon(new CouponTerms("WELCOME5", 0, 500, "EUR", CouponDuration.ONCE, 0));
        SubscriptionWorkflow workflow = start(env, client, worker, new SubscriptionStart("sub-once-up", "cust-1",
                MONTHLY, "pm_card_visa", null, 0, null, "WELCOME5", null, null));
        env.sleep(Duration.ofDays(10));

        // 18 of 28 days left. Credit 799 × 18/28 = 513.64 → 514; premium with 500 off is 1999: 1999 × 18/28 =
        // 1285.07 → 1285 (2499 × 18/28 = 1606.5 → 1607 before it, so 322 off). Due: 771.
        PlanChangeResult result = workflow.changePlan(new PlanChangeRequest(PREMIUM_MONTHLY));
        assertThat(result.quote()).extracting(PlanChangeQuote::creditMinor, PlanChangeQuote::chargeMinor,
                PlanChangeQuote::discountMinor, PlanChangeQuote::amountDueNowMinor)
                .containsExactly(514L, 1285L, 322L, 771L);

        env.sleep(Duration.ofDays(18).plusHours(1));
        assertThat(payments.paid()).extracting(InvoiceCharge::amountMinor)
                .as("the coupon was for one invoice: the next period bills premium in full")
                .containsExactly(799L, 771L, 2499L);
    }

    @Test
    void aMoveToYearlyUsesOneOfTheCouponsInvoicesForTheNewPeriod(TestWorkflowEnvironment env, WorkflowClient client,
                                                                 Worker worker) {
        billing.coupon(new CouponTerms("SPRING15", 1500, 0, null, CouponDuration.REPEATING, 3));
        SubscriptionWorkflow workflow = start(env, client, worker, new SubscriptionStart("sub-yearly-coupon",
                "cust-1", MONTHLY, "pm_card_visa", null, 0, null, "SPRING15", null, null));
        env.sleep(Duration.ofDays(10));

        // Period 1 cost 1299 - 195 = 1104: credit 1104 × 18/28 = 709.71 → 710. The yearly period is a new invoice,
        // the coupon's second: 12900 - 1935 = 10965. Due: 10255; one invoice of the coupon is left.
        PlanChangeResult result = workflow.changePlan(new PlanChangeRequest(YEARLY));
        assertThat(result.quote()).extracting(PlanChangeQuote::creditMinor, PlanChangeQuote::chargeMinor,
                PlanChangeQuote::discountMinor, PlanChangeQuote::amountDueNowMinor)
                .containsExactly(710L, 10965L, 1935L, 10255L);
        assertThat(result.state().couponInvoicesLeft()).isEqualTo(1);

        // The renewal a year later is the coupon's third and last invoice.
        env.sleep(Duration.ofDays(366));
        assertThat(billing.invoice("sub-yearly-coupon:3:renewal").lines()).extracting(InvoiceLine::amountMinor)
                .containsExactly(12900L, -1935L);
        assertThat(workflow.state().couponCode()).isNull();
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-yearly-coupon"),
                "subscription-coupon-on-interval-change");
    }
}

package io.perennial.subscription;

import io.perennial.billing.BillingFailures;
import io.perennial.billing.CouponDuration;
import io.perennial.billing.CouponTerms;
import io.perennial.billing.CreditGrant;
import io.perennial.billing.InvoiceLine;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.payment.InvoiceCharge;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Coupons discount invoices for as long as they last; referrals reward the referrer with account credit. */
class SubscriptionCouponsAndReferralsTest extends SubscriptionWorkflowTestSupport {

    static final CouponTerms FIFTEEN_OFF_THREE_MONTHS =
            new CouponTerms("SPRING15", 1500, 0, null, CouponDuration.REPEATING, 3);
    static final CouponTerms FIVE_EUROS_ONCE = new CouponTerms("WELCOME5", 0, 500, "EUR", CouponDuration.ONCE, 0);

    @Test
    void aCouponRepeatingForThreePeriodsDiscountsExactlyThreeInvoices(TestWorkflowEnvironment env,
                                                                     WorkflowClient client, Worker worker) {
        billing.coupon(FIFTEEN_OFF_THREE_MONTHS);
        SubscriptionWorkflow workflow = start(env, client, worker, new SubscriptionStart("sub-coupon", "cust-1",
                MONTHLY, "pm_card_visa", null, 0, null, "spring15", null, null));

        env.sleep(Duration.ofDays(1));
        assertThat(workflow.state().couponCode()).isEqualTo("SPRING15");
        assertThat(workflow.state().couponInvoicesLeft()).isEqualTo(2);

        env.sleep(Duration.ofDays(31 + 30 + 31));
        // 15% of 12.99 is 1.9485, rounded half up to 1.95; the fourth invoice is full price.
        assertThat(payments.paid()).extracting(InvoiceCharge::amountMinor).containsExactly(1104L, 1104L, 1104L, 1299L);
        assertThat(billing.invoice("sub-coupon:3:renewal").lines())
                .extracting(InvoiceLine::kind, InvoiceLine::amountMinor)
                .containsExactly(tuple(InvoiceLineKind.PLAN, 1299L), tuple(InvoiceLineKind.DISCOUNT, -195L));
        assertThat(billing.invoice("sub-coupon:4:renewal").lines()).extracting(InvoiceLine::kind)
                .containsExactly(InvoiceLineKind.PLAN);
        assertThat(workflow.state().couponCode()).isNull();
        assertThat(billing.redemptions()).hasSize(1);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-coupon"), "subscription-coupon-three-periods");
    }

    @Test
    void aCouponAppliedLaterDiscountsTheNextInvoiceAndASecondOneIsRefused(TestWorkflowEnvironment env,
                                                                          WorkflowClient client, Worker worker) {
        billing.coupon(FIVE_EUROS_ONCE).coupon(FIFTEEN_OFF_THREE_MONTHS);
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-coupon-later", MONTHLY);
        env.sleep(Duration.ofDays(3));

        SubscriptionState applied = workflow.applyCoupon(new CouponApplication("welcome5"));
        assertThat(applied.couponCode()).isEqualTo("WELCOME5");
        assertThatThrownBy(() -> workflow.applyCoupon(new CouponApplication("SPRING15")))
                .isInstanceOf(WorkflowUpdateException.class)
                .rootCause().hasMessageContaining("WELCOME5 already applies");
        assertThatThrownBy(() -> workflow.applyCoupon(new CouponApplication("NOPE")))
                .isInstanceOf(WorkflowUpdateException.class);

        env.sleep(Duration.ofDays(60));
        assertThat(payments.paid()).extracting(InvoiceCharge::amountMinor).containsExactly(1299L, 799L, 1299L);
        assertThat(workflow.state().couponCode()).isNull();
    }

    @Test
    void anUnknownCouponIsRejectedWithTheReasonAndChangesNothing(TestWorkflowEnvironment env, WorkflowClient client,
                                                                 Worker worker) {
        SubscriptionWorkflow workflow = start(env, client, worker, "sub-coupon-bad", MONTHLY);
        env.sleep(Duration.ofDays(1));
        long revision = workflow.state().revision();

        assertThatThrownBy(() -> workflow.applyCoupon(new CouponApplication("NOPE")))
                .isInstanceOf(WorkflowUpdateException.class)
                .rootCause().isInstanceOfSatisfying(ApplicationFailure.class,
                        failure -> assertThat(failure.getType()).isEqualTo(BillingFailures.COUPON_REJECTED));
        assertThat(workflow.state().couponCode()).isNull();
        assertThat(workflow.state().revision()).isEqualTo(revision);
    }

    @Test
    void theReferrerIsCreditedWhenTheRefereePaysAndTheCreditPaysTheReferrersNextInvoice(
            TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
        SubscriptionWorkflow referrer = start(env, client, worker, new SubscriptionStart("sub-referrer", "cust-1",
                MONTHLY, "pm_card_visa", null, 0, null, null, null, null));
        env.sleep(Duration.ofDays(5));
        // The referee signs up with a 14-day trial; its first paid invoice earns cust-1 five euros.
        launch(client, worker, new SubscriptionStart("sub-referee", "cust-2", MONTHLY_WITH_TRIAL, "pm_card_visa",
                null, 0, null, null, new ReferralReward("cust-1", 500), null));

        env.sleep(Duration.ofDays(13));
        assertThat(billing.grants()).isEmpty();
        env.sleep(Duration.ofDays(2));
        assertThat(billing.grants()).extracting(CreditGrant::customerId, CreditGrant::amountMinor, CreditGrant::reason)
                .containsExactly(tuple("cust-1", 500L, "referral"));

        env.sleep(Duration.ofDays(10));
        // The referrer's second invoice (28 Feb) spends the credit.
        assertThat(billing.invoice("sub-referrer:2:renewal").lines())
                .extracting(InvoiceLine::kind, InvoiceLine::amountMinor)
                .containsExactly(tuple(InvoiceLineKind.PLAN, 1299L), tuple(InvoiceLineKind.ACCOUNT_CREDIT, -500L));
        assertThat(payments.paid()).filteredOn(charge -> charge.subscriptionId().equals("sub-referrer"))
                .extracting(InvoiceCharge::amountMinor).containsExactly(1299L, 799L);
        assertThat(billing.creditBalance("cust-1")).isZero();
        assertThat(referrer.state().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-referee"), "subscription-referral-reward");
    }

    @Test
    void refundingTheQualifyingInvoiceClawsBackTheUnspentReward(TestWorkflowEnvironment env, WorkflowClient client,
                                                                 Worker worker) {
        SubscriptionWorkflow referee = start(env, client, worker, new SubscriptionStart("sub-referee-refund",
                "cust-2", MONTHLY, "pm_card_visa", null, 0, null, null, new ReferralReward("cust-1", 500), null));
        env.sleep(Duration.ofDays(2));
        assertThat(billing.creditBalance("cust-1")).isEqualTo(500);

        referee.cancelSubscription(new CancelRequest(CancelTiming.IMMEDIATELY, "changed_mind", true));

        assertThat(payments.refunds()).hasSize(1);
        assertThat(billing.creditBalance("cust-1")).isZero();
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-referee-refund"),
                "subscription-referral-clawback");
    }
    /**
     * Pause credit and upgrade credit are what the period cost, not the list price: with 15% off, pausing 10 days
     * into a 28-day period credits 1104 × 18 / 28 = 709.71 → 710 (not 835); with 100% off, nothing.
     */
    @Test
    void aDiscountedPeriodNeverReturnsMoreThanItCost(TestWorkflowEnvironment env, WorkflowClient client,
                                                     Worker worker) {
        billing.coupon(FIFTEEN_OFF_THREE_MONTHS);
        billing.coupon(new CouponTerms("FREEFOREVER", 10_000, 0, null, CouponDuration.FOREVER, 0));
        SubscriptionWorkflow discounted = start(env, client, worker, new SubscriptionStart("sub-paused-coupon",
                "cust-1", MONTHLY, "pm_card_visa", null, 0, null, "spring15", null, null));
        launch(client, worker, new SubscriptionStart("sub-free", "cust-2", MONTHLY, "pm_card_visa", null, 0, null,
                "freeforever", null, null));
        SubscriptionWorkflow free = client.newWorkflowStub(SubscriptionWorkflow.class,
                WorkflowIds.subscription("sub-free"));
        env.sleep(Duration.ofDays(10));

        discounted.pause(new PauseRequest(PauseTiming.IMMEDIATELY, null));
        free.pause(new PauseRequest(PauseTiming.IMMEDIATELY, null));

        assertThat(billing.grants()).extracting(CreditGrant::grantKey, CreditGrant::amountMinor)
                .containsExactly(tuple("sub-paused-coupon:1:pause-credit", 710L));
        Histories.recordIfAsked(client, WorkflowIds.subscription("sub-paused-coupon"),
                "subscription-pause-credit-discounted");
    }
}

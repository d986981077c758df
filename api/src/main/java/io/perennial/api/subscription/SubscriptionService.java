package io.perennial.api.subscription;

import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ApiProblems;
import io.perennial.catalog.Plan;
import io.perennial.catalog.PlanRepository;
import io.perennial.billing.Coupon;
import io.perennial.billing.CouponRepository;
import io.perennial.customer.CustomerRepository;
import io.perennial.subscription.ReferralReward;
import io.perennial.subscription.SubscriptionRecord;
import io.perennial.subscription.SubscriptionRecordRepository;
import io.perennial.subscription.SubscriptionStart;
import io.perennial.subscription.SubscriptionStatus;
import io.perennial.subscription.SubscriptionWorkflow;
import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Starts, signals and queries subscription workflows; reads the subscriptions read model. */
@Singleton
public class SubscriptionService {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionService.class);

    private final WorkflowClient temporal;
    private final PlanRepository plans;
    private final SubscriptionRecordRepository records;
    private final CouponRepository coupons;
    private final CustomerRepository customers;
    private final ReferralConfiguration referrals;

    public SubscriptionService(WorkflowClient temporal, PlanRepository plans, SubscriptionRecordRepository records,
                               CouponRepository coupons, CustomerRepository customers,
                               ReferralConfiguration referrals) {
        this.temporal = temporal;
        this.plans = plans;
        this.records = records;
        this.coupons = coupons;
        this.customers = customers;
        this.referrals = referrals;
    }

    /**
     * Starts the workflow first, then writes the read-model row. If the process dies in between, the workflow's
     * first activity writes the row itself, so a subscription is never half-created.
     */
    public SubscriptionView subscribe(CurrentUser caller, CreateSubscriptionRequest request) {
        UUID customerId = caller.requireCustomer();
        Plan plan = plans.findById(request.planId()).filter(Plan::active)
                .orElseThrow(() -> ApiProblems.unknownPlan(request.planId()));
        String couponCode = request.couponCode() == null ? null : usableCoupon(request.couponCode(), plan).code();
        ReferralReward referral = request.referralCode() == null ? null
                : new ReferralReward(referrer(request.referralCode(), customerId).toString(),
                        referrals.rewardMinor());
        UUID subscriptionId = UUID.randomUUID();
        String workflowId = WorkflowIds.subscription(subscriptionId.toString());
        SubscriptionWorkflow workflow = temporal.newWorkflowStub(SubscriptionWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.SUBSCRIPTIONS)
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(PerennialSearchAttributes.CUSTOMER_ID, customerId.toString())
                        .set(PerennialSearchAttributes.PLAN_ID, plan.id())
                        .build())
                .build());
        WorkflowClient.start(workflow::run, new SubscriptionStart(subscriptionId.toString(), customerId.toString(),
                plan.terms(), request.paymentMethod(), null, 0, null, couponCode, referral, null));
        Instant now = Instant.now();
        SubscriptionStatus initial = plan.trialDays() > 0 ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE;
        records.upsert(subscriptionId, customerId, plan.id(), workflowId, initial.name(), null, null, null, null, null,
                false, null, null, 0, 0, now, now);
        log.info("Started {} for customer {} on plan {}", workflowId, customerId, plan.id());
        return view(records.findById(subscriptionId).orElseThrow());
    }

    public SubscriptionView get(CurrentUser caller, UUID subscriptionId) {
        return view(owned(caller, subscriptionId));
    }

    public List<SubscriptionView> list(CurrentUser caller, int limit) {
        UUID customerId = caller.requireCustomer();
        return records.findByCustomerIdOrderByCreatedAtDesc(customerId).stream()
                .limit(limit)
                .map(SubscriptionView::recorded)
                .toList();
    }

    /**
     * Refuses a coupon that cannot apply, so the client hears it now. The workflow redeems it and is the judge of
     * the last redemption and of expiry at business time.
     */
    private Coupon usableCoupon(String code, Plan plan) {
        Coupon coupon = coupons.findByCode(code).filter(Coupon::active)
                .orElseThrow(() -> ApiProblems.couponNotUsable(code, "does not exist or is no longer active"));
        if (coupon.expiredAt(Instant.now())) {
            throw ApiProblems.couponNotUsable(code, "has expired");
        }
        if (coupon.usedUp()) {
            throw ApiProblems.couponNotUsable(code, "has no redemptions left");
        }
        if (coupon.amountOffMinor() != null && !plan.currency().equals(coupon.currency())) {
            throw ApiProblems.couponNotUsable(code, "is in " + coupon.currency() + ", the plan in " + plan.currency());
        }
        return coupon;
    }

    private UUID referrer(String referralCode, UUID customerId) {
        return customers.findIdByReferralCode(referralCode)
                .filter(referrer -> !referrer.equals(customerId))
                .orElseThrow(ApiProblems::unknownReferralCode);
    }

    /** Another customer's subscription answers exactly as a missing one does. */
    private SubscriptionRecord owned(CurrentUser caller, UUID subscriptionId) {
        return records.findById(subscriptionId)
                .filter(row -> caller.mayRead(row.customerId()))
                .orElseThrow(() -> ApiProblems.notFound("Subscription", subscriptionId));
    }

    /** The workflow's live state; the read model if the workflow cannot answer right now. */
    private SubscriptionView view(SubscriptionRecord row) {
        try {
            return SubscriptionView.live(
                    temporal.newWorkflowStub(SubscriptionWorkflow.class, row.workflowId()).state());
        } catch (RuntimeException e) {
            log.debug("Query of {} failed, answering from the read model: {}", row.workflowId(), e.getMessage());
            return SubscriptionView.recorded(row);
        }
    }
}

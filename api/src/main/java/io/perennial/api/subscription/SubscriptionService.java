package io.perennial.api.subscription;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.payment.PaymentMethodResolver;
import io.perennial.api.problem.ApiProblems;
import io.perennial.catalog.Catalog;
import io.perennial.catalog.PlanOffer;
import io.perennial.catalog.PlanPrice;
import io.perennial.billing.Coupon;
import io.perennial.billing.CouponRepository;
import io.perennial.customer.CustomerRepository;
import io.perennial.api.order.OrderService;
import io.perennial.fulfilment.SubscriptionBoxRepository;
import io.perennial.order.ShippingAddress;
import io.perennial.subscription.AddOnItem;
import io.perennial.subscription.CollectionMethod;
import io.perennial.subscription.CollectionTerms;
import io.perennial.subscription.NextBox;
import io.perennial.subscription.PlanTerms;
import io.perennial.subscription.ReferralReward;
import io.perennial.subscription.SubscriptionRecord;
import io.perennial.subscription.SubscriptionRecordRepository;
import io.perennial.subscription.SubscriptionStart;
import io.perennial.subscription.SubscriptionState;
import io.perennial.subscription.SubscriptionItems;
import io.perennial.subscription.SubscriptionStatus;
import io.perennial.subscription.SubscriptionWorkflow;
import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Starts, signals and queries subscription workflows; reads the subscriptions read model. */
@Singleton
public class SubscriptionService {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionService.class);

    private final WorkflowClient temporal;
    private final Catalog catalog;
    private final SubscriptionRecordRepository records;
    private final CouponRepository coupons;
    private final CustomerRepository customers;
    private final ReferralConfiguration referrals;
    private final BillingConfiguration billing;
    private final SubscriptionBoxRepository boxes;
    private final ObjectMapper json;
    private final SignupCoupons signupCoupons;
    private final RecordedChanges recordedChanges;
    private final AddOnChoices addOnChoices;

    private final PaymentMethodResolver paymentMethods;

    public SubscriptionService(WorkflowClient temporal, Catalog catalog, SubscriptionRecordRepository records,
                               CouponRepository coupons, CustomerRepository customers,
                               ReferralConfiguration referrals, BillingConfiguration billing,
                               SubscriptionBoxRepository boxes, ObjectMapper json,
                               PaymentMethodResolver paymentMethods, SignupCoupons signupCoupons,
                               RecordedChanges recordedChanges, AddOnChoices addOnChoices) {
        this.recordedChanges = recordedChanges;
        this.addOnChoices = addOnChoices;
        this.paymentMethods = paymentMethods;
        this.signupCoupons = signupCoupons;
        this.temporal = temporal;
        this.catalog = catalog;
        this.records = records;
        this.coupons = coupons;
        this.customers = customers;
        this.referrals = referrals;
        this.billing = billing;
        this.boxes = boxes;
        this.json = json;
    }

    /**
     * Starts the workflow first, then writes the read-model row. If the process dies in between, the workflow's
     * first activity writes the row itself, so a subscription is never half-created.
     */
    public SubscriptionView subscribe(CurrentUser caller, CreateSubscriptionRequest request, String idempotencyKey) {
        UUID customerId = caller.requireCustomer();
        String paymentMethod = paymentMethods.gatewayToken(customerId, request.paymentMethod(), "/paymentMethod");
        PlanOffer offer = catalog.offer(request.planId()).filter(found -> found.plan().active())
                .orElseThrow(() -> ApiProblems.unknownPlan(request.planId()));
        PlanPrice price = priceFor(offer, request.currency());
        PlanTerms terms = offer.terms(price);
        ShippingAddress address = shippingAddress(request, terms);
        CollectionTerms collection = collection(request);
        boolean chargeNow = chargeNow(request, offer, collection);
        String couponCode = request.couponCode() == null ? null : usableCoupon(request.couponCode(), terms).code();
        ReferralReward referral = request.referralCode() == null ? null
                : new ReferralReward(referrer(request.referralCode(), customerId).toString(),
                        referrals.rewardMinor());
        // With an idempotency key the id comes from it: a retry after a crash finds the workflow it started.
        UUID subscriptionId = idempotencyKey == null ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes(("subscription:" + customerId + ":" + idempotencyKey)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String workflowId = WorkflowIds.subscription(subscriptionId.toString());
        WorkflowOptions.Builder options = WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.SUBSCRIPTIONS)
                // A subscription id runs once: a retry after its idempotency key expired (48 hours) derives the
                // same id, and must find the subscription, not start its ended workflow again.
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(PerennialSearchAttributes.CUSTOMER_ID, customerId.toString())
                        .set(PerennialSearchAttributes.PLAN_ID, offer.plan().id())
                        .build())
                // What the Temporal UI shows for the workflow; ids and terms only, never personal data.
                .setStaticSummary(offer.plan().name() + " · customer " + customerId)
                .setStaticDetails("Plan " + offer.plan().id() + " v" + terms.version() + ", "
                        + terms.amountMinor() + " " + terms.currency() + " (minor units) every "
                        + terms.interval().count() + " " + terms.interval().unit().name().toLowerCase()
                        + (offer.hasTrial() ? ", with a trial" : "") + "; subscription " + subscriptionId);
        if (chargeNow) {
            // A retried create attaches to the running workflow its first attempt started (update-with-start).
            options.setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING);
        }
        SubscriptionWorkflow workflow = temporal.newWorkflowStub(SubscriptionWorkflow.class, options.build());
        if (couponCode != null) {
            signupCoupons.redeem(subscriptionId, customerId, couponCode, terms.currency());
        }
        int quantity = request.quantityOrOne();
        SubscriptionItems items = new SubscriptionItems(quantity,
                addOnChoices.items(request.addOns(), terms.planId(), terms.currency()));
        long periodPrice = items.priceWith(terms);
        SubscriptionStart start = new SubscriptionStart(subscriptionId.toString(), customerId.toString(), terms,
                paymentMethod, billing.dunning(), 0, null, couponCode, referral, billing.reminders(), address, null,
                collection, chargeNow, true, items);
        if (chargeNow) {
            SubscriptionState charged = FirstCharges.startAndCharge(temporal, workflow, start);
            // The workflow wrote its row before charging; this only covers a row it could not write yet.
            records.insertStarted(subscriptionId, customerId, offer.plan().id(), terms.version(), periodPrice,
                    quantity, terms.currency(), workflowId, charged.status().name(),
                    address == null ? null : write(address), Instant.now());
            log.info("Started {} for customer {} and charged it now: {}", workflowId, customerId, charged.status());
            return FirstCharges.answer(recordedChanges.recorded(subscriptionId, charged));
        }
        try {
            WorkflowClient.start(workflow::run, start);
        } catch (WorkflowExecutionAlreadyStarted started) {
            log.info("{} was started by an earlier attempt of this request", workflowId);
            // Its row is there unless that attempt died between starting the workflow and writing it.
            Optional<SubscriptionRecord> existing = records.findById(subscriptionId);
            if (existing.isPresent()) {
                return view(existing.get());
            }
        }
        SubscriptionStatus initial = offer.hasTrial() ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE;
        SubscriptionRecord started = SubscriptionRecord.started(subscriptionId, customerId, offer.plan().id(),
                terms.version(), periodPrice, quantity, terms.currency(), workflowId, initial, Instant.now());
        records.insertStarted(subscriptionId, customerId, offer.plan().id(), terms.version(), periodPrice, quantity,
                terms.currency(), workflowId, initial.name(), address == null ? null : write(address),
                started.createdAt());
        log.info("Started {} for customer {} on plan {} v{} ({} {})", workflowId, customerId, offer.plan().id(),
                terms.version(), terms.amountMinor(), terms.currency());
        // Answered from what the start and the insert know, without reading the row back: the new workflow can
        // answer a query only after a worker ran its first task, and a create must not wait for that.
        return SubscriptionView.started(started, address, items.addOns());
    }

    private ShippingAddress address(String stored) {
        try {
            return json.readValue(stored, ShippingAddress.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable shipping address of a subscription", e);
        }
    }

    private String write(ShippingAddress address) {
        try {
            return json.writeValueAsString(address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code CHARGE_NOW} charges the first period at once: not for a trial, nor for invoices the customer pays. */
    private static boolean chargeNow(CreateSubscriptionRequest request, PlanOffer offer, CollectionTerms collection) {
        if (request.paymentBehavior() == null) {
            return false;
        }
        if (offer.hasTrial()) {
            throw ApiProblems.chargeNowWithTrial(offer.plan().id());
        }
        if (collection.sendsInvoices()) {
            throw ApiProblems.invalidField("/paymentBehavior", "CHARGE_NOW charges the payment method; not with "
                    + "collectionMethod SEND_INVOICE");
        }
        return true;
    }

    /** Charged automatically unless the request asks for invoices, which need the days until they are due. */
    private static CollectionTerms collection(CreateSubscriptionRequest request) {
        boolean sendInvoice = CollectionMethod.SEND_INVOICE.name().equals(request.collectionMethod());
        if (sendInvoice && request.daysUntilDue() == null) {
            throw ApiProblems.invalidField("/daysUntilDue", "required when collectionMethod is SEND_INVOICE");
        }
        if (!sendInvoice && request.daysUntilDue() != null) {
            throw ApiProblems.invalidField("/daysUntilDue", "only for collectionMethod SEND_INVOICE");
        }
        return sendInvoice ? CollectionTerms.sendInvoice(request.daysUntilDue()) : CollectionTerms.automatic();
    }

    /** A physical plan ships a box every paid period, so it needs an address; a digital one keeps none. */
    private static ShippingAddress shippingAddress(CreateSubscriptionRequest request, PlanTerms terms) {
        if (!terms.physical()) {
            return null;
        }
        if (request.shippingAddress() == null) {
            throw ApiProblems.invalidField("/shippingAddress", "plan " + terms.planId() + " ships a box every "
                    + "period: a shippingAddress is required");
        }
        return OrderService.shippable(request.shippingAddress(), "/shippingAddress");
    }

    /** The plan's price in the asked currency; without one, its only price (a plan sold in several needs a choice). */
    private static PlanPrice priceFor(PlanOffer offer, String currency) {
        if (currency != null) {
            return offer.price(currency).orElseThrow(() -> ApiProblems.currencyNotOffered(offer.plan().id(), currency,
                    offer.prices().stream().map(PlanPrice::currency).toList()));
        }
        if (offer.prices().size() == 1) {
            return offer.prices().get(0);
        }
        throw ApiProblems.currencyNotOffered(offer.plan().id(), null,
                offer.prices().stream().map(PlanPrice::currency).toList());
    }

    public List<BoxView> boxes(CurrentUser caller, UUID subscriptionId) {
        return boxes.findBySubscription(owned(caller, subscriptionId).id()).stream()
                .map(box -> BoxView.of(box, items(box.items()))).toList();
    }

    private List<BoxView.Item> items(String stored) {
        try {
            return json.readValue(stored, Argument.listOf(BoxView.Item.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable box items " + stored, e);
        }
    }

    /** The subscription as the read model holds it (see {@link #get(CurrentUser, UUID, boolean)}). */
    public SubscriptionView get(CurrentUser caller, UUID subscriptionId) {
        return get(caller, subscriptionId, false);
    }

    /**
     * The subscription from the read model, which every change made through the API has reached before that change
     * answered ({@link SubscriptionChanges}) and which a renewal or retry reaches within the activity that records
     * it. {@code strong} asks the workflow itself (a round trip through Temporal and the worker); so does a row the
     * workflow has not recorded yet, which holds only what the API knew at the start.
     */
    public SubscriptionView get(CurrentUser caller, UUID subscriptionId, boolean strong) {
        SubscriptionRecord row = owned(caller, subscriptionId);
        if (strong || row.revision() == 0) {
            return view(row);
        }
        return recorded(row);
    }

    /** The read model's view of the row, with its JSON columns: where the boxes go and the next box. */
    private SubscriptionView recorded(SubscriptionRecord row) {
        Optional<SubscriptionRecordRepository.JsonColumns> columns = records.findJsonColumnsById(row.id());
        return SubscriptionView.recorded(row,
                columns.map(SubscriptionRecordRepository.JsonColumns::shippingAddress).map(this::address).orElse(null),
                columns.map(SubscriptionRecordRepository.JsonColumns::nextBox).map(this::nextBox).orElse(null),
                columns.map(SubscriptionRecordRepository.JsonColumns::addOns).map(this::addOns).orElse(List.of()),
                columns.map(SubscriptionRecordRepository.JsonColumns::scheduledItems).map(this::scheduledItems)
                        .orElse(null));
    }

    /** Scheduled items as the read model's JSON column holds them. */
    public SubscriptionItems scheduledItems(String stored) {
        try {
            return json.readValue(stored, SubscriptionItems.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable scheduled items of a subscription", e);
        }
    }

    /** The add-ons as the read model's JSON column holds them. */
    public List<AddOnItem> addOns(String stored) {
        try {
            return json.readValue(stored, Argument.listOf(AddOnItem.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable add-ons of a subscription", e);
        }
    }

    private NextBox nextBox(String stored) {
        try {
            return json.readValue(stored, NextBox.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable next box of a subscription", e);
        }
    }

    /**
     * A page of subscriptions from the read model, newest first. Customers see their own; staff see everyone's,
     * optionally one customer's. {@code after} is the id that ended the previous page.
     */
    public SubscriptionPage list(CurrentUser caller, int limit, UUID after, UUID customerFilter, String status,
                                 String planId) {
        UUID customerId = caller.staff() ? customerFilter : caller.requireCustomer();
        SubscriptionRecord cursor = after == null ? null : records.findById(after)
                .filter(row -> caller.mayRead(row.customerId()))
                .orElseThrow(() -> ApiProblems.notFound("Subscription", after));
        List<SubscriptionRecord> rows = records.findPage(customerId, status, planId,
                cursor == null ? null : cursor.createdAt(), cursor == null ? null : cursor.id(), limit + 1);
        List<SubscriptionView> items = rows.stream().limit(limit).map(SubscriptionView::recorded).toList();
        return new SubscriptionPage(items, rows.size() > limit ? items.get(items.size() - 1).id() : null);
    }

    /**
     * Refuses a coupon that cannot apply, so the client hears it now. The workflow redeems it and is the judge of
     * the last redemption and of expiry at business time.
     */
    private Coupon usableCoupon(String code, PlanTerms plan) {
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
            return recorded(row);
        }
    }
}

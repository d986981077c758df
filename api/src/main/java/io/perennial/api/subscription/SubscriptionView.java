package io.perennial.api.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.order.OrderRequests;
import io.perennial.order.ShippingAddress;
import io.perennial.subscription.AddOnItem;
import io.perennial.subscription.BillingPeriod;
import io.perennial.subscription.NextAction;
import io.perennial.subscription.NextBox;
import io.perennial.subscription.SubscriptionItems;
import io.perennial.subscription.SubscriptionRecord;
import io.perennial.subscription.SubscriptionState;
import io.perennial.subscription.SubscriptionStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A subscription as clients see it. {@code accessUntil} is when the customer's access ends if nothing more is
 * paid; {@code source} says whether the live workflow answered or the read model did; {@code shippingAddress} is
 * where a physical plan's boxes go. {@code nextAction}, when present, is what the
 * customer must do before the overdue payment can settle: {@code authenticate_payment} at {@code url} (relative to
 * the API) before {@code expiresAt}, after which the payment counts as declined. {@code nextBox} is a physical
 * plan's next box: when it starts, or that it is skipped (not in lists). {@code paymentIssue}, while past due, says
 * why since {@code paymentIssueSince}: {@code declined} (dunning retries), {@code gateway_unavailable} (held until the
 * provider is back), {@code payment_method_unusable}, {@code authentication_required} or {@code invoice_overdue}.
 * {@code quantity} is how many units of the plan each period bills (seats, or boxes per period of a box plan);
 * {@code addOns} are the add-ons each period bills on the same invoice (not in lists). {@code amountMinor} is what a
 * period costs before discounts and tax: the plan's price times the quantity, plus the add-ons. {@code scheduledItems}
 * is a decrease of the quantity or add-ons that takes effect at the end of the current period (not in lists).
 * {@code riskReview}, when the first charge was held for a risk review, says where it stands: {@code IN_REVIEW} (the
 * subscription is {@code ACTIVE} with no period and nothing charged until staff decide), then {@code APPROVED} or
 * {@code REFUSED}; absent when none was needed.
 */
@Serdeable
public record SubscriptionView(String id, String customerId, String planId,
                               @Schema(implementation = SubscriptionStatus.class) String status,
                               @Nullable Long amountMinor, @Nullable String currency,
                               @Nullable Instant trialEnd, @Nullable Period currentPeriod,
                               @Nullable Instant nextBillingAt, @Nullable Instant accessUntil,
                               boolean cancelAtPeriodEnd, @Nullable Instant canceledAt, @Nullable String cancelReason,
                               int failedPaymentCount, @Nullable Instant nextRetryAt,
                               boolean pauseAtPeriodEnd, @Nullable Instant pausedAt, @Nullable Instant resumeAt,
                               @Nullable String scheduledPlanId, @Nullable String couponCode,
                               @Nullable Integer couponInvoicesLeft, @Nullable Integer planVersion,
                               @Nullable Integer scheduledPlanVersion, String source,
                               @Nullable OrderRequests.Address shippingAddress,
                               @Nullable NextActionView nextAction,
                               @Nullable NextBoxView nextBox,
                               @Nullable @Schema(allowableValues = {"declined", "gateway_unavailable",
                                       "payment_method_unusable", "authentication_required", "invoice_overdue"})
                               String paymentIssue,
                               @Nullable Instant paymentIssueSince,
                               int quantity, List<AddOnView> addOns, @Nullable ItemsView scheduledItems,
                               @Nullable @Schema(allowableValues = {"IN_REVIEW", "APPROVED", "REFUSED"})
                               String riskReview) {

    /** A quantity with add-ons: what the subscription bills from its next period. */
    @Serdeable
    public record ItemsView(int quantity, List<AddOnView> addOns) {

        static ItemsView of(@Nullable SubscriptionItems items) {
            return items == null ? null : new ItemsView(items.quantity(), AddOnView.of(items.addOns()));
        }
    }

    /** An add-on the subscription carries: its price per unit and period, how many, and their total. */
    @Serdeable
    public record AddOnView(String code, String name, long unitAmountMinor, int quantity, long amountMinor) {

        static List<AddOnView> of(List<AddOnItem> items) {
            return items.stream().map(item -> new AddOnView(item.code(), item.name(), item.amountMinor(),
                    item.quantity(), item.totalMinor())).toList();
        }
    }

    /**
     * A physical plan's next box: the period it belongs to, when its order starts, whether it is skipped (that period
     * is not charged) or delayed (charged as usual), and the latest time a delay may move it to (null once paid).
     */
    @Serdeable
    public record NextBoxView(int period, Instant startsAt, boolean skipped, boolean delayed,
                              @Nullable Instant latestDelay) {

        static NextBoxView of(@Nullable NextBox box) {
            return box == null ? null
                    : new NextBoxView(box.period(), box.startsAt(), box.skipped(), box.delayed(), box.latestDelay());
        }
    }

    @Serdeable
    public record Period(int number, Instant start, Instant end) {
    }

    /** What the customer must do: POST {@code {"outcome":"approve"}} (or {@code "fail"}) to {@code url}. */
    @Serdeable
    public record NextActionView(@Schema(allowableValues = NextAction.AUTHENTICATE_PAYMENT) String type, String url,
                                 Instant expiresAt) {

        static NextActionView of(String subscriptionId, @Nullable String type, @Nullable Instant expiresAt) {
            return type == null ? null : new NextActionView(type,
                    "/v1/subscriptions/" + subscriptionId + "/payment-authentication", expiresAt);
        }
    }

    /** The live state, straight from the workflow. */
    static SubscriptionView live(SubscriptionState state) {
        BillingPeriod period = state.currentPeriod();
        return new SubscriptionView(state.subscriptionId(), state.customerId(), state.planId(), state.status().name(),
                state.amountMinor(), state.currency(), state.trialEnd(),
                period == null ? null : new Period(period.number(), period.start(), period.end()),
                state.nextBillingAt(), state.accessUntil(), state.cancelAtPeriodEnd(), state.canceledAt(),
                state.cancelReason(), state.failedPaymentCount(), state.nextRetryAt(), state.pauseAtPeriodEnd(),
                state.pausedAt(), state.resumeAt(), state.scheduledPlanId(), state.couponCode(),
                state.couponInvoicesLeft(), state.planVersion(), state.scheduledPlanVersion(), "workflow",
                state.shippingAddress() == null ? null : OrderRequests.Address.of(state.shippingAddress()),
                state.nextAction() == null ? null : NextActionView.of(state.subscriptionId(),
                        state.nextAction().type(), state.nextAction().expiresAt()),
                NextBoxView.of(state.nextBox()), state.paymentIssue(), state.paymentIssueSince(), state.quantity(),
                AddOnView.of(state.addOns()), ItemsView.of(state.scheduledItems()),
                state.riskReview() == null ? null : state.riskReview().name());
    }

    /**
     * A subscription just started, from its inserted row and the address its boxes go to. The periods, trial end,
     * billing times and a sign-up coupon (which the workflow redeems, or not) appear once the workflow has run.
     */
    static SubscriptionView started(SubscriptionRecord row, @Nullable ShippingAddress address,
                                    List<AddOnItem> addOns) {
        SubscriptionView recorded = recorded(row);
        return new SubscriptionView(recorded.id(), recorded.customerId(), recorded.planId(), recorded.status(),
                recorded.amountMinor(), recorded.currency(), recorded.trialEnd(), recorded.currentPeriod(),
                recorded.nextBillingAt(), recorded.accessUntil(), recorded.cancelAtPeriodEnd(), recorded.canceledAt(),
                recorded.cancelReason(), recorded.failedPaymentCount(), recorded.nextRetryAt(),
                recorded.pauseAtPeriodEnd(), recorded.pausedAt(), recorded.resumeAt(), recorded.scheduledPlanId(),
                recorded.couponCode(), recorded.couponInvoicesLeft(), recorded.planVersion(), recorded.scheduledPlanVersion(),
                recorded.source(), address == null ? null : OrderRequests.Address.of(address), null, null, null, null,
                recorded.quantity(), AddOnView.of(addOns), null, null);
    }

    /** The last state the read model holds, without the shipping address or add-ons (a list does not show them). */
    static SubscriptionView recorded(SubscriptionRecord row) {
        return recorded(row, null, null, List.of(), null);
    }

    /** The last state the read model holds, with where the boxes go and the next box. */
    static SubscriptionView recorded(SubscriptionRecord row, @Nullable ShippingAddress address,
                                     @Nullable NextBox nextBox, List<AddOnItem> addOns,
                                     @Nullable SubscriptionItems scheduledItems) {
        Period period = row.currentPeriod() == null ? null
                : new Period(row.currentPeriod(), row.currentPeriodStart(), row.currentPeriodEnd());
        return new SubscriptionView(row.id().toString(), row.customerId().toString(), row.planId(),
                row.status().name(), row.amountMinor(), row.currency(), row.trialEnd(), period, row.nextBillingAt(),
                row.accessUntil(), row.cancelAtPeriodEnd(), row.canceledAt(), row.cancelReason(),
                row.failedPaymentCount(), row.nextRetryAt(), row.pauseAtPeriodEnd(), row.pausedAt(), row.resumeAt(),
                row.scheduledPlanId(), row.couponCode(), row.couponInvoicesLeft(), row.planVersion(),
                row.scheduledPlanVersion(), "read-model",
                address == null ? null : OrderRequests.Address.of(address),
                NextActionView.of(row.id().toString(), row.nextActionType(), row.nextActionExpiresAt()),
                NextBoxView.of(nextBox), row.paymentIssue(), row.paymentIssueSince(), row.quantity(),
                AddOnView.of(addOns), ItemsView.of(scheduledItems), row.riskReview());
    }
}

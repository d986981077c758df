package io.perennial.api.billing;

import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ApiProblems;
import io.perennial.billing.CouponRepository;
import io.perennial.billing.CouponTerms;
import io.perennial.billing.CreditEntryRepository;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.billing.InvoiceTaxes;
import io.perennial.catalog.Catalog;
import io.perennial.catalog.PlanOffer;
import io.perennial.api.subscription.SubscriptionService;
import io.perennial.subscription.AddOnItem;
import io.perennial.subscription.SubscriptionItems;
import io.perennial.subscription.SubscriptionRecord;
import io.perennial.subscription.SubscriptionRecordRepository;
import io.perennial.subscription.SubscriptionStatus;
import io.perennial.tax.TaxQuote;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Previews a subscription's next invoice the way the workflow and the issuer would build it: the plan's price times
 * the subscription's quantity for the next period (the scheduled plan, quantity and add-ons if a change waits for the
 * period's end) and its add-ons, less the coupon on their sum while it has invoices left, taxed as the issuer taxes it
 * ({@link InvoiceTaxes}), then paid by account credit as far as it goes.
 */
@Singleton
public class UpcomingInvoices {

    private final SubscriptionRecordRepository subscriptions;
    private final Catalog catalog;
    private final CouponRepository coupons;
    private final CreditEntryRepository credit;
    private final InvoiceTaxes taxes;
    private final SubscriptionService readModel;

    public UpcomingInvoices(SubscriptionRecordRepository subscriptions, Catalog catalog, CouponRepository coupons,
                            CreditEntryRepository credit, InvoiceTaxes taxes, SubscriptionService readModel) {
        this.readModel = readModel;
        this.subscriptions = subscriptions;
        this.catalog = catalog;
        this.coupons = coupons;
        this.credit = credit;
        this.taxes = taxes;
    }

    public UpcomingInvoiceView of(CurrentUser caller, UUID subscriptionId) {
        SubscriptionRecord subscription = subscriptions.findById(subscriptionId)
                .filter(row -> caller.mayRead(row.customerId()))
                .orElseThrow(() -> ApiProblems.notFound("Subscription", subscriptionId));
        if (subscription.status() == SubscriptionStatus.CANCELED || subscription.cancelAtPeriodEnd()
                || subscription.currency() == null) {
            throw ApiProblems.notFoundBecause("Subscription " + subscriptionId + " has no upcoming invoice: it "
                    + (subscription.currency() == null ? "is still starting." : "ends without another period."));
        }
        int period = subscription.currentPeriod() == null ? 1 : subscription.currentPeriod() + 1;
        String currency = subscription.currency();
        boolean scheduled = subscription.scheduledPlanId() != null;
        String planId = scheduled ? subscription.scheduledPlanId() : subscription.planId();
        Integer version = scheduled ? subscription.scheduledPlanVersion() : subscription.planVersion();
        PlanOffer offer = (version == null ? catalog.offer(planId) : catalog.offer(planId, version)).orElseThrow();
        Optional<SubscriptionRecordRepository.JsonColumns> columns = subscriptions.findJsonColumnsById(subscriptionId);
        SubscriptionItems scheduledItems = columns.map(SubscriptionRecordRepository.JsonColumns::scheduledItems)
                .map(readModel::scheduledItems).orElse(null);
        int quantity = scheduledItems != null ? scheduledItems.quantity() : subscription.quantity();
        List<AddOnItem> addOns = scheduledItems != null ? scheduledItems.addOns()
                : columns.map(SubscriptionRecordRepository.JsonColumns::addOns).map(readModel::addOns)
                        .orElse(List.of());
        long price = offer.price(currency).map(p -> Math.multiplyExact(p.amountMinor(), (long) quantity))
                .orElse(subscription.amountMinor() == null ? 0 : subscription.amountMinor());

        List<InvoiceView.Line> lines = new ArrayList<>();
        lines.add(new InvoiceView.Line(InvoiceLineKind.PLAN.name(), offer.plan().name()
                + (quantity == 1 ? "" : " \u00d7 " + quantity) + ", period " + period, price));
        long subtotal = price;
        for (AddOnItem addOn : addOns) {
            lines.add(new InvoiceView.Line(InvoiceLineKind.ADD_ON.name(), addOn.name()
                    + (addOn.quantity() == 1 ? "" : " \u00d7 " + addOn.quantity()) + ", period " + period,
                    addOn.totalMinor()));
            subtotal = Math.addExact(subtotal, addOn.totalMinor());
        }
        if (subscription.couponCode() != null && (subscription.couponInvoicesLeft() == null
                || subscription.couponInvoicesLeft() != 0)) {
            CouponTerms coupon = coupons.findByCode(subscription.couponCode()).map(c -> c.terms(currency))
                    .orElse(null);
            long off = coupon == null ? 0 : coupon.discountOn(subtotal);
            if (off > 0) {
                lines.add(new InvoiceView.Line(InvoiceLineKind.DISCOUNT.name(), "Coupon " + coupon.code(), -off));
                subtotal -= off;
            }
        }
        Instant at = subscription.nextBillingAt() == null ? Instant.now() : subscription.nextBillingAt();
        TaxQuote tax = taxes.quote(subscription.customerId(), subscriptionId, currency, subtotal, at).quote();
        long amount = subtotal + tax.addedMinor();
        long creditUsed = Math.min(Math.max(0, credit.balance(subscription.customerId(), currency)), amount);
        if (creditUsed > 0) {
            lines.add(new InvoiceView.Line(InvoiceLineKind.ACCOUNT_CREDIT.name(), "Account credit applied",
                    -creditUsed));
        }
        List<InvoiceView.TaxLine> taxLines = tax.lines().stream().map(line -> new InvoiceView.TaxLine(
                line.country(), line.taxCategory(), line.name(), strip(line.ratePercent()), line.taxableMinor(),
                line.taxMinor())).toList();
        return new UpcomingInvoiceView(subscriptionId.toString(), period, currency, subscription.nextBillingAt(),
                lines, subtotal, tax.behavior().name(), tax.taxMinor(), taxLines, amount, creditUsed,
                amount - creditUsed, tax.reverseCharge(), tax.note());
    }

    private static BigDecimal strip(BigDecimal rate) {
        return InvoiceView.TaxLine.plain(rate);
    }
}

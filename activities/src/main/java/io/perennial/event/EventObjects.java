package io.perennial.event;

import io.perennial.billing.InvoiceLineRecord;
import io.perennial.billing.InvoiceWithLines;
import io.perennial.customer.Customer;
import io.perennial.inventory.StockLevel;
import io.perennial.order.OrderState;
import io.perennial.order.ShippingAddress;
import io.perennial.order.StatusChange;
import io.perennial.payment.Payment;
import io.perennial.payment.Refund;
import io.perennial.restock.PurchaseOrderRecord;
import io.perennial.subscription.AddOnItem;
import io.perennial.subscription.BillingPeriod;
import io.perennial.subscription.StoredItems;
import io.perennial.subscription.SubscriptionItems;
import io.perennial.subscription.SubscriptionRecord;
import io.perennial.subscription.SubscriptionState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code data.object} of each event: the resource in the shape the API answers for it (the field names of
 * {@code SubscriptionView}, {@code InvoiceView}, {@code PaymentView}, {@code OrderView}, {@code PurchaseOrderView},
 * the stock view and {@code CustomerView}), built here because the activities cannot see the API's records.
 * Where the API adds what an activity does not hold, the difference is named on the method.
 */
public final class EventObjects {

    private EventObjects() {
    }

    /** As {@code GET /v1/customers/me} answers it. */
    public static Map<String, Object> customer(Customer customer, String referralCode) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("customerId", customer.id().toString());
        object.put("email", customer.email());
        object.put("name", customer.name());
        object.put("referralCode", referralCode);
        return object;
    }

    /** The workflow's own state, as {@code GET /v1/subscriptions/{id}} answers it ({@code source} "workflow"). */
    public static Map<String, Object> subscription(SubscriptionState state) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", state.subscriptionId());
        object.put("customerId", state.customerId());
        object.put("planId", state.planId());
        object.put("status", state.status().name());
        object.put("amountMinor", state.amountMinor());
        object.put("currency", state.currency());
        object.put("trialEnd", state.trialEnd());
        BillingPeriod period = state.currentPeriod();
        object.put("currentPeriod", period == null ? null
                : map("number", period.number(), "start", period.start(), "end", period.end()));
        object.put("nextBillingAt", state.nextBillingAt());
        object.put("accessUntil", state.accessUntil());
        object.put("cancelAtPeriodEnd", state.cancelAtPeriodEnd());
        object.put("canceledAt", state.canceledAt());
        object.put("cancelReason", state.cancelReason());
        object.put("failedPaymentCount", state.failedPaymentCount());
        object.put("nextRetryAt", state.nextRetryAt());
        object.put("pauseAtPeriodEnd", state.pauseAtPeriodEnd());
        object.put("pausedAt", state.pausedAt());
        object.put("resumeAt", state.resumeAt());
        object.put("scheduledPlanId", state.scheduledPlanId());
        object.put("couponCode", state.couponCode());
        object.put("couponInvoicesLeft", state.couponInvoicesLeft());
        object.put("planVersion", state.planVersion());
        object.put("scheduledPlanVersion", state.scheduledPlanVersion());
        object.put("source", "workflow");
        object.put("shippingAddress", address(state.shippingAddress()));
        object.put("nextAction", state.nextAction() == null ? null : map("type", state.nextAction().type(),
                "url", "/v1/subscriptions/" + state.subscriptionId() + "/payment-authentication",
                "expiresAt", state.nextAction().expiresAt()));
        object.put("quantity", state.quantity());
        object.put("addOns", addOns(state.addOns()));
        object.put("scheduledItems", items(state.scheduledItems()));
        return object;
    }

    /**
     * The subscriptions read model's row with its stored items, as {@code GET /v1/subscriptions/{id}} answers it
     * when the workflow cannot be asked ({@code source} "read-model", no {@code shippingAddress}): for events
     * written outside its record.
     */
    public static Map<String, Object> subscription(SubscriptionRecord row, StoredItems.Items items) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", row.id().toString());
        object.put("customerId", row.customerId().toString());
        object.put("planId", row.planId());
        object.put("status", row.status().name());
        object.put("amountMinor", row.amountMinor());
        object.put("currency", row.currency());
        object.put("trialEnd", row.trialEnd());
        object.put("currentPeriod", row.currentPeriod() == null ? null : map("number", row.currentPeriod(),
                "start", row.currentPeriodStart(), "end", row.currentPeriodEnd()));
        object.put("nextBillingAt", row.nextBillingAt());
        object.put("accessUntil", row.accessUntil());
        object.put("cancelAtPeriodEnd", row.cancelAtPeriodEnd());
        object.put("canceledAt", row.canceledAt());
        object.put("cancelReason", row.cancelReason());
        object.put("failedPaymentCount", row.failedPaymentCount());
        object.put("nextRetryAt", row.nextRetryAt());
        object.put("pauseAtPeriodEnd", row.pauseAtPeriodEnd());
        object.put("pausedAt", row.pausedAt());
        object.put("resumeAt", row.resumeAt());
        object.put("scheduledPlanId", row.scheduledPlanId());
        object.put("couponCode", row.couponCode());
        object.put("couponInvoicesLeft", row.couponInvoicesLeft());
        object.put("planVersion", row.planVersion());
        object.put("scheduledPlanVersion", row.scheduledPlanVersion());
        object.put("source", "read-model");
        object.put("shippingAddress", null);
        object.put("nextAction", row.nextActionType() == null ? null : map("type", row.nextActionType(),
                "url", "/v1/subscriptions/" + row.id() + "/payment-authentication",
                "expiresAt", row.nextActionExpiresAt()));
        object.put("quantity", row.quantity());
        object.put("addOns", addOns(items.addOns()));
        object.put("scheduledItems", items(items.scheduled()));
        return object;
    }

    /** Add-ons as the subscription view lists them: code, name, unit price, quantity and what a period bills. */
    public static List<Map<String, Object>> addOns(List<AddOnItem> addOns) {
        return addOns.stream().map(addOn -> map("code", addOn.code(), "name", addOn.name(),
                "unitAmountMinor", addOn.amountMinor(), "quantity", addOn.quantity(),
                "amountMinor", addOn.totalMinor())).toList();
    }

    /** Items waiting for the period end as the subscription view shows them ({@code scheduledItems}), or null. */
    public static Map<String, Object> items(SubscriptionItems items) {
        return items == null ? null : map("quantity", items.quantity(), "addOns", addOns(items.addOns()));
    }

    /**
     * As {@code GET /v1/invoices/{id}} answers it. {@code disputed} is false: an invoice is disputed only through
     * a chargeback of its payment, which comes after every invoice event written here.
     */
    public static Map<String, Object> invoice(InvoiceWithLines invoiceWithLines) {
        var invoice = invoiceWithLines.invoice();
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", invoice.id().toString());
        object.put("number", invoice.number());
        object.put("subscriptionId", invoice.subscriptionId().toString());
        object.put("period", invoice.period());
        object.put("status", invoice.status().name());
        object.put("currency", invoice.currency());
        object.put("periodStart", invoice.periodStart());
        object.put("periodEnd", invoice.periodEnd());
        object.put("subtotalMinor", invoice.subtotalMinor());
        object.put("totalMinor", invoice.totalMinor());
        object.put("taxBehavior", invoice.taxBehavior().name());
        object.put("taxMinor", invoice.taxMinor());
        object.put("amountMinor", invoice.amountMinor());
        object.put("reverseCharge", invoice.reverseCharge());
        object.put("issuedAt", invoice.issuedAt());
        object.put("paidAt", invoice.paidAt());
        object.put("lines", invoiceWithLines.lines().stream().map(EventObjects::line).toList());
        object.put("disputed", false);
        object.put("dispute", null);
        return object;
    }

    /** As {@code GET /v1/subscriptions/{id}/payments} lists it. */
    public static Map<String, Object> payment(Payment payment) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", payment.id().toString());
        object.put("invoiceId", payment.invoiceId() == null ? null : payment.invoiceId().toString());
        object.put("period", payment.period());
        object.put("purpose", payment.purpose());
        object.put("amountMinor", payment.amountMinor());
        object.put("currency", payment.currency());
        object.put("status", payment.status().name());
        object.put("declineCode", payment.declineCode());
        object.put("chargedAt", payment.businessTime());
        return object;
    }

    /** The payment with the refund that gave (part of) it back, under {@code refund}. */
    public static Map<String, Object> refundedPayment(Payment payment, Refund refund) {
        Map<String, Object> object = payment(payment);
        object.put("refund", map("id", refund.id().toString(), "amountMinor", refund.amountMinor(),
                "currency", refund.currency(), "reason", refund.reason(), "status", refund.status().name()));
        return object;
    }

    /** As {@code GET /v1/orders/{id}} answers it. */
    public static Map<String, Object> order(OrderState state) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", state.orderId());
        object.put("customerId", state.customerId());
        object.put("status", state.status().name());
        object.put("lines", state.lines().stream().map(line -> map("sku", line.sku(), "quantity", line.quantity()))
                .toList());
        object.put("amountMinor", state.amountMinor());
        object.put("currency", state.currency());
        object.put("chargedMinor", state.chargedMinor());
        object.put("refundedMinor", state.refundedMinor());
        object.put("shippingAddress", address(state.shippingAddress()));
        object.put("backorderedSkus", state.backorderedSkus());
        object.put("backorderDeadlineAt", state.backorderDeadlineAt());
        object.put("trackingNumber", state.trackingNumber());
        object.put("pickupDeadlineAt", state.pickupDeadlineAt());
        object.put("failureReason", state.failureReason());
        var cancellation = state.cancellation();
        object.put("cancellation", cancellation == null ? null : map("reason", cancellation.reason(),
                "requestedAt", cancellation.requestedAt(), "honoured", cancellation.honoured(),
                "answer", cancellation.answer()));
        object.put("history", state.history().stream().map(EventObjects::change).toList());
        object.put("placedAt", state.placedAt());
        object.put("updatedAt", state.updatedAt());
        object.put("subscriptionId", state.prepaidBy() == null ? null : state.prepaidBy().subscriptionId());
        object.put("period", state.prepaidBy() == null ? null : state.prepaidBy().period());
        return object;
    }

    /** As {@code GET /v1/ops/stock/{sku}} answers it. */
    public static Map<String, Object> stock(StockLevel level) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("sku", level.sku());
        object.put("productId", level.productId());
        object.put("name", level.name());
        object.put("onHand", level.onHand());
        object.put("reserved", level.reserved());
        object.put("available", level.available());
        object.put("reorderPoint", level.reorderPoint());
        object.put("reorderQuantity", level.reorderQuantity());
        object.put("reorderDue", level.atOrBelowReorderPoint());
        object.put("preferredSupplierId", level.preferredSupplierId());
        object.put("alternateSupplierId", level.alternateSupplierId());
        object.put("unitPriceMinor", level.unitPriceMinor());
        object.put("currency", level.currency());
        object.put("updatedAt", level.updatedAt());
        return object;
    }

    /** As {@code GET /v1/purchase-orders/{id}} answers it, without its receipts (a list leaves them out too). */
    public static Map<String, Object> purchaseOrder(PurchaseOrderRecord order) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", order.id());
        object.put("sku", order.sku());
        object.put("supplierId", order.supplierId());
        object.put("quantity", order.quantity());
        object.put("receivedQuantity", order.receivedQuantity());
        object.put("status", order.status().name());
        object.put("supplierReference", order.supplierReference());
        object.put("replaces", order.replaces());
        object.put("note", order.note());
        object.put("placedAt", order.placedAt());
        object.put("dueAt", order.dueAt());
        object.put("updatedAt", order.updatedAt());
        return object;
    }

    private static Map<String, Object> line(InvoiceLineRecord line) {
        return map("kind", line.kind().name(), "description", line.description(), "amountMinor", line.amountMinor());
    }

    private static Map<String, Object> change(StatusChange change) {
        return map("status", change.status().name(), "at", change.at(), "reason", change.reason());
    }

    private static Map<String, Object> address(ShippingAddress address) {
        return address == null ? null : map("recipient", address.recipient(), "line1", address.line1(),
                "line2", address.line2(), "city", address.city(), "postalCode", address.postalCode(),
                "countryCode", address.countryCode());
    }

    /** An ordered map that, unlike {@code Map.of}, keeps nulls (the API shows absent values as null). */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}

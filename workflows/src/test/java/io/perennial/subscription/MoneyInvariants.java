package io.perennial.subscription;

import io.perennial.billing.CouponTerms;
import io.perennial.billing.CreditGrant;
import io.perennial.billing.InvoiceLine;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.IssuedInvoice;
import io.perennial.payment.RefundRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The money rules every subscription keeps, whatever happened to it, checked from the ledger the activities wrote
 * (invoices and credit in {@link FakeBilling}, captures and refunds at the {@link ScriptedGateway}) and from the
 * workflow's state against its read-model row. docs/billing.md lists them.
 */
final class MoneyInvariants {
    private MoneyInvariants() {
    }

    /**
     * Invoices the customer pays: none is paid twice (by two transfers, a transfer and a redirect payment, or either
     * and a charge), and a
     * subscription that sends its invoices is never charged.
     */
    static List<String> transfers(String subscriptionId, boolean sendsInvoices, FakeSentInvoices sentInvoices,
                                  ScriptedGateway gateway) {
        List<String> broken = new ArrayList<>();
        List<String> ofThis = sentInvoices.sentOf(subscriptionId + ":");
        List<String> paid = java.util.stream.Stream.concat(sentInvoices.paidByTransfer().stream(),
                sentInvoices.paidByRedirect().stream()).filter(ofThis::contains).toList();
        paid.stream().collect(Collectors.groupingBy(id -> id, Collectors.counting())).forEach((invoiceId, count) -> {
            if (count > 1) {
                broken.add("invoice " + invoiceId + " was paid " + count + " times (transfers and redirect payments)");
            }
        });
        for (ScriptedGateway.Capture capture : gateway.captures(subscriptionId)) {
            if (paid.contains(capture.invoiceId())) {
                broken.add("invoice " + capture.invoiceId() + " was paid by a transfer and by charge "
                        + capture.idempotencyKey());
            } else if (sendsInvoices) {
                broken.add("charge " + capture.idempotencyKey() + " of a subscription that sends its invoices");
            }
        }
        return broken;
    }

    /** The ledger rules: each violation is a sentence naming what broke. */
    static List<String> ledger(String subscriptionId, FakeBilling billing, ScriptedGateway gateway) {
        List<String> broken = new ArrayList<>();
        String prefix = subscriptionId + ":";
        Map<String, IssuedInvoice> invoices = billing.invoices().stream()
                .filter(invoice -> invoice.invoiceKey().startsWith(prefix))
                .collect(Collectors.toMap(IssuedInvoice::invoiceId, invoice -> invoice));
        List<ScriptedGateway.Capture> captures = gateway.captures(subscriptionId);

        captures.stream().collect(Collectors.groupingBy(ScriptedGateway.Capture::invoiceId, Collectors.counting()))
                .forEach((invoiceId, count) -> {
                    if (count > 1) {
                        broken.add("invoice " + invoiceId + " was paid " + count + " times");
                    }
                });
        captures.stream().collect(Collectors.groupingBy(ScriptedGateway.Capture::idempotencyKey, Collectors.counting()))
                .forEach((key, count) -> {
                    if (count > 1) {
                        broken.add("idempotency key " + key + " succeeded " + count + " times");
                    }
                });
        for (ScriptedGateway.Capture capture : captures) {
            IssuedInvoice invoice = invoices.get(capture.invoiceId());
            if (invoice == null) {
                broken.add("charge " + capture.idempotencyKey() + " has no invoice");
            } else if (invoice.status() != InvoiceStatus.PAID) {
                broken.add("charge " + capture.idempotencyKey() + " paid invoice " + invoice.invoiceKey()
                        + " which is " + invoice.status());
            } else if (invoice.totalMinor() != capture.amountMinor()) {
                broken.add("charge " + capture.idempotencyKey() + " took " + capture.amountMinor() + " for invoice "
                        + invoice.invoiceKey() + " of " + invoice.totalMinor());
            }
        }

        // What each period was sold for (plan, discount and proration charge lines of its paid invoices), and what
        // was given back for it (account credit granted, refunds, proration credit on a later invoice).
        Map<Integer, Long> paid = new TreeMap<>();
        long returnedOnInvoices = 0;
        for (IssuedInvoice invoice : invoices.values()) {
            if (invoice.status() != InvoiceStatus.PAID) {
                continue;
            }
            int period = periodOf(invoice.invoiceKey());
            for (InvoiceLine line : invoice.lines()) {
                if (line.kind() == InvoiceLineKind.PRORATION_CREDIT) {
                    returnedOnInvoices -= line.amountMinor();
                } else if (line.kind() != InvoiceLineKind.ACCOUNT_CREDIT) {
                    paid.merge(period, line.amountMinor(), Long::sum);
                }
            }
        }
        Map<Integer, Long> returned = new TreeMap<>();
        for (CreditGrant grant : billing.grants()) {
            if (grant.grantKey().startsWith(prefix)) {
                // A change to another interval grants the old period's credit under the new period's key.
                int period = grant.sourcePeriod() != null ? grant.sourcePeriod() : periodOf(grant.grantKey());
                returned.merge(period, grant.amountMinor(), Long::sum);
            }
        }
        for (Map.Entry<RefundRequest, Long> refund : gateway.refunds(subscriptionId).entrySet()) {
            returned.merge(refund.getKey().period(), refund.getValue(), Long::sum);
        }
        returned.forEach((period, amount) -> {
            if (amount > 0 && paid.getOrDefault(period, 0L) <= 0) {
                broken.add(amount + " was credited or refunded for period " + period + ", which was never paid");
            }
        });
        for (CreditGrant grant : billing.grants()) {
            if (grant.grantKey().startsWith(prefix) && grant.grantKey().endsWith(":pause-credit")) {
                int period = periodOf(grant.grantKey());
                long refunds = gateway.refunds(subscriptionId).entrySet().stream()
                        .filter(refund -> refund.getKey().period() == period).mapToLong(Map.Entry::getValue).sum();
                if (grant.amountMinor() + refunds > paid.getOrDefault(period, 0L)) {
                    broken.add("period " + period + " was paid " + paid.getOrDefault(period, 0L) + " but "
                            + (grant.amountMinor() + refunds) + " came back as pause credit and refunds");
                }
            }
        }
        // Everything that gives back part of one period, whoever gave it (the workflow or ops in their own workflow),
        // in whatever order: refunds, pause and plan-change credit, proration credit for its unused time.
        Map<Integer, Long> givenBack = new TreeMap<>();
        for (CreditGrant grant : billing.grants()) {
            if (subscriptionId.equals(grant.subscriptionId())) {
                givenBack.merge(grant.sourcePeriod(), grant.amountMinor(), Long::sum);
            }
        }
        for (Map.Entry<RefundRequest, Long> refund : gateway.refunds(subscriptionId).entrySet()) {
            givenBack.merge(refund.getKey().period(), refund.getValue(), Long::sum);
        }
        for (IssuedInvoice invoice : invoices.values()) {
            for (InvoiceLine line : invoice.lines()) {
                if (line.kind() == InvoiceLineKind.PRORATION_CREDIT && invoice.status() != InvoiceStatus.VOID
                        && line.sourcePeriod() != null) {
                    givenBack.merge(line.sourcePeriod(), -line.amountMinor(), Long::sum);
                }
            }
        }
        givenBack.forEach((period, amount) -> {
            if (amount > paid.getOrDefault(period, 0L)) {
                broken.add("period " + period + " was sold for " + paid.getOrDefault(period, 0L) + " but gave back "
                        + amount + " (refunds, pause and plan-change credit)");
            }
        });
        // A charge waiting for the customer is the only one the subscription may make until it is settled, and money
        // the customer approved at the provider pays the invoice or is given back.
        broken.addAll(gateway.chargedWhileWaiting(subscriptionId));
        gateway.approvedAndUnsettled(subscriptionId).forEach(key -> broken.add("the customer approved " + key
                + " at the provider, but it neither paid its invoice nor was given back"));
        long paidInAll = paid.values().stream().mapToLong(Long::longValue).sum();
        long returnedInAll = returnedOnInvoices + returned.values().stream().mapToLong(Long::longValue).sum();
        if (returnedInAll > paidInAll) {
            broken.add("credit and refunds (" + returnedInAll + ") exceed what was paid (" + paidInAll + ")");
        }
        return broken;
    }

    /**
     * The answer of a create-and-charge ({@code CHARGE_NOW}) says what became of the first charge, and the ledger
     * agrees: ACTIVE has its first invoice paid, a declined first charge ended the subscription with nothing
     * captured, and one waiting for the customer says what they must do.
     */
    static List<String> firstCharge(SubscriptionState answer, String subscriptionId, FakeBilling billing,
                                    ScriptedGateway gateway) {
        List<String> broken = new ArrayList<>();
        IssuedInvoice first = billing.invoices().stream()
                .filter(invoice -> invoice.invoiceKey().equals(subscriptionId + ":1:renewal")).findFirst()
                .orElse(null);
        switch (answer.status()) {
            case ACTIVE -> {
                if (first == null || first.status() != InvoiceStatus.PAID) {
                    broken.add("the create answered ACTIVE but the first invoice is "
                            + (first == null ? "missing" : first.status()));
                }
            }
            case CANCELED -> {
                if ("incomplete_expired".equals(answer.cancelReason()) && !gateway.captures(subscriptionId).isEmpty()) {
                    broken.add("the create answered declined (incomplete_expired) but "
                            + gateway.captures(subscriptionId).size() + " charges were captured");
                }
            }
            case PAST_DUE -> {
                if (answer.nextAction() == null) {
                    broken.add("the create answered PAST_DUE without an action for the customer");
                }
            }
            case PAUSED -> {
                // A pause that raced the first charge; its outcome is in the ledger rules.
            }
            case TRIALING -> broken.add("a create-and-charge of a plan without trial answered TRIALING");
        }
        return broken;
    }

    /**
     * Rules on one state of the workflow, checked after every move; {@code pausedBetween}: a paused state was written
     * since {@code before} was seen.
     */
    static List<String> state(SubscriptionState state, SubscriptionState before, boolean pausedBetween) {
        List<String> broken = new ArrayList<>();
        boolean stopped = state.status() == SubscriptionStatus.PAUSED || state.status() == SubscriptionStatus.CANCELED;
        boolean movedBackByPause = stopped || pausedBetween;
        // A subscription canceled for failed payment keeps its last payment issue as the reason; nothing else may.
        boolean issueExplainsCancel = state.status() == SubscriptionStatus.CANCELED
                && "payment_failed".equals(state.cancelReason());
        if (stopped && (state.nextRetryAt() != null || (state.paymentIssue() != null && !issueExplainsCancel))) {
            broken.add("a " + state.status() + " subscription is still dunning (" + state.paymentIssue()
                    + ", next retry " + state.nextRetryAt() + ")");
        }
        // A renewal or retry waiting for the customer is past due; an upgrade waiting for them (a pending change)
        // leaves the subscription active, owing nothing.
        boolean pendingChange = state.nextAction() != null && state.nextAction().paymentKey().contains(":change-")
                && state.status() == SubscriptionStatus.ACTIVE && state.paymentIssue() == null;
        boolean inArrears = state.status() == SubscriptionStatus.PAST_DUE
                || state.status() == SubscriptionStatus.SUSPENDED;
        if (state.nextAction() != null && !pendingChange && (!inArrears
                || !Dunning.AUTHENTICATION_REQUIRED.equals(state.paymentIssue()))) {
            broken.add("a " + state.status() + " subscription (" + state.paymentIssue() + ") asks the customer to "
                    + "authenticate " + state.nextAction().paymentKey());
        }
        // A change to a plan of another interval starts a new period now and credits the old one's unused time.
        boolean crossInterval = before != null && !Objects.equals(before.planId(), state.planId())
                && before.currentPeriod() != null && state.currentPeriod() != null
                && state.currentPeriod().number() > before.currentPeriod().number();
        if (before != null && before.accessUntil() != null && state.accessUntil() != null
                && state.accessUntil().isBefore(before.accessUntil()) && !movedBackByPause && !crossInterval) {
            broken.add("paid-through moved back from " + before.accessUntil() + " to " + state.accessUntil()
                    + " while " + state.status());
        }
        return broken;
    }

    /**
     * Only a plan that suspends suspends, and a suspended subscription still owes its invoice: it shows the payment
     * issue, grants no access past the invoice's period and bills nothing.
     */
    static List<String> suspension(SubscriptionState state, boolean suspends) {
        List<String> broken = new ArrayList<>();
        if (state.status() != SubscriptionStatus.SUSPENDED) {
            return broken;
        }
        if (!suspends) {
            broken.add("a subscription on a plan that cancels is suspended");
        }
        if (state.paymentIssue() == null) {
            broken.add("a suspended subscription shows no payment issue");
        }
        if (state.currentPeriod() != null && state.accessUntil() != null
                && state.accessUntil().isAfter(state.currentPeriod().start())) {
            broken.add("a suspended subscription has access to " + state.accessUntil() + ", past the start of its "
                    + "unpaid period " + state.currentPeriod().number());
        }
        return broken;
    }

    /**
     * A plan that suspends never writes an invoice off; while suspended, the unpaid period's invoice is the last one
     * issued, still open (or paid by a payment the workflow has not yet been told of).
     */
    static List<String> suspendedLedger(String subscriptionId, boolean suspends, SubscriptionState idle,
                                        FakeBilling billing) {
        List<String> broken = new ArrayList<>();
        if (!suspends) {
            return broken;
        }
        List<IssuedInvoice> invoices = billing.invoices().stream()
                .filter(invoice -> invoice.invoiceKey().startsWith(subscriptionId + ":")).toList();
        for (IssuedInvoice invoice : invoices) {
            if (invoice.status() == InvoiceStatus.UNCOLLECTIBLE) {
                broken.add("invoice " + invoice.invoiceKey() + " of a plan that suspends was written off");
            }
        }
        if (idle != null && idle.status() == SubscriptionStatus.SUSPENDED && idle.currentPeriod() != null) {
            int unpaid = idle.currentPeriod().number();
            for (IssuedInvoice invoice : invoices) {
                if (periodOf(invoice.invoiceKey()) > unpaid) {
                    broken.add("invoice " + invoice.invoiceKey() + " was issued after period " + unpaid
                            + " was suspended");
                }
            }
        }
        return broken;
    }

    /** The read-model row says what the idle workflow says. */
    static List<String> readModel(SubscriptionState workflow, SubscriptionState row) {
        if (row == null) {
            return List.of("no read-model row");
        }
        List<String> broken = new ArrayList<>();
        compare(broken, "status", workflow.status(), row.status());
        compare(broken, "revision", workflow.revision(), row.revision());
        compare(broken, "planId", workflow.planId(), row.planId());
        compare(broken, "nextBillingAt", workflow.nextBillingAt(), row.nextBillingAt());
        compare(broken, "accessUntil", workflow.accessUntil(), row.accessUntil());
        compare(broken, "paymentIssue", workflow.paymentIssue(), row.paymentIssue());
        compare(broken, "cancelAtPeriodEnd", workflow.cancelAtPeriodEnd(), row.cancelAtPeriodEnd());
        compare(broken, "nextAction", workflow.nextAction(), row.nextAction());
        compare(broken, "nextBox", workflow.nextBox(), row.nextBox());
        compare(broken, "quantity", workflow.quantity(), row.quantity());
        compare(broken, "addOns", workflow.addOns(), row.addOns());
        compare(broken, "scheduledItems", workflow.scheduledItems(), row.scheduledItems());
        return broken;
    }

    /**
     * A change within a period that a coupon discounted is discounted by that coupon, never another and never not at
     * all: a percentage takes its share of the change's charge (give or take the two roundings), an amount off at
     * most its amount. The charge line is before the coupon, the {@code DISCOUNT} line the coupon's part.
     */
    static List<String> couponOnChanges(String subscriptionId, FakeBilling billing, List<CouponTerms> coupons) {
        List<String> broken = new ArrayList<>();
        Map<String, IssuedInvoice> byKey = billing.invoices().stream()
                .filter(invoice -> invoice.invoiceKey().startsWith(subscriptionId + ":"))
                .collect(Collectors.toMap(IssuedInvoice::invoiceKey, invoice -> invoice, (a, b) -> a));
        for (IssuedInvoice change : byKey.values()) {
            String[] key = change.invoiceKey().split(":");
            IssuedInvoice renewal = byKey.get(key[0] + ":" + key[1] + ":renewal");
            if (!key[2].startsWith("change-") || renewal == null || change.status() == InvoiceStatus.VOID) {
                continue;
            }
            String sold = discountOf(renewal);
            String charged = discountOf(change);
            long gross = change.lines().stream().filter(line -> line.kind() == InvoiceLineKind.PRORATION_CHARGE)
                    .mapToLong(InvoiceLine::amountMinor).sum();
            long off = -change.lines().stream().filter(line -> line.kind() == InvoiceLineKind.DISCOUNT)
                    .mapToLong(InvoiceLine::amountMinor).sum();
            if (charged != null && !charged.equals(sold)) {
                broken.add(change.invoiceKey() + " is discounted by " + charged + " but its period was sold with "
                        + sold);
                continue;
            }
            CouponTerms coupon = coupons.stream().filter(c -> ("Coupon " + c.code()).equals(sold)).findFirst()
                    .orElse(null);
            if (coupon == null) {
                continue;
            }
            boolean fits = coupon.percentOffBasisPoints() > 0
                    ? Math.abs(off * 10_000 - gross * coupon.percentOffBasisPoints()) <= 2 * 10_000
                    : off >= 0 && off <= Math.min(gross, coupon.amountOffMinor());
            if (!fits) {
                broken.add(change.invoiceKey() + " charges " + gross + " less " + off + ", which is not what "
                        + sold + " takes off");
            }
        }
        return broken;
    }

    private static String discountOf(IssuedInvoice invoice) {
        return invoice.lines().stream().filter(line -> line.kind() == InvoiceLineKind.DISCOUNT)
                .map(InvoiceLine::description).findFirst().orElse(null);
    }

    private static void compare(List<String> broken, String field, Object workflow, Object row) {
        if (!Objects.equals(workflow, row)) {
            broken.add("read model " + field + " is " + row + " but the workflow says " + workflow);
        }
    }

    /** The period in a business key {@code {subscriptionId}:{period}:{purpose}}. */
    private static int periodOf(String key) {
        String[] parts = key.split(":");
        return Integer.parseInt(parts[1]);
    }
}

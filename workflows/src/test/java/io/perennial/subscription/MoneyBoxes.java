package io.perennial.subscription;

import io.perennial.billing.InvoiceLine;
import io.perennial.billing.InvoiceLineKind;
import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.IssuedInvoice;
import io.perennial.order.OrderState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The box rules of the money property test (docs/billing.md): a skipped period is neither invoiced nor shipped, a
 * delayed box keeps its charge and starts no earlier than asked, every box ships for a period that was paid and
 * never takes money of its own, and every paid period of a box plan ships its box.
 */
final class MoneyBoxes {

    /** A skip or a delay the workflow accepted, as its answer showed the next box. */
    private final List<NextBox> accepted = new CopyOnWriteArrayList<>();

    /** Keeps the answer of an accepted skip or delay. */
    void answered(ChangeScript change, Object answer) {
        if ((change == ChangeScript.SKIP_BOX || change == ChangeScript.DELAY_BOX)
                && answer instanceof SubscriptionState state && state.nextBox() != null) {
            accepted.add(state.nextBox());
        }
    }

    List<String> check(String subscriptionId, SubscriptionState idle, List<SubscriptionState> written,
                       MoneyWorld world, Duration clock) {
        List<String> broken = new ArrayList<>();
        Map<Integer, List<IssuedInvoice>> invoices = world.billing.invoices().stream()
                .filter(invoice -> invoice.invoiceKey().startsWith(subscriptionId + ":"))
                .collect(Collectors.groupingBy(invoice -> Integer.parseInt(invoice.invoiceKey().split(":")[1])));
        Map<Integer, OrderState> shipped = world.boxes.orders().stream()
                .filter(order -> order.prepaidBy() != null && order.prepaidBy().subscriptionId().equals(subscriptionId))
                .collect(Collectors.toMap(order -> order.prepaidBy().period(), order -> order));
        Instant now = Instant.ofEpochMilli(clock.toMillis());

        for (NextBox asked : accepted) {
            // The period began as the one asked about: a pause re-anchors the schedule and lets the change lapse
            // (docs/billing.md). The answer's latest delay is that period's end (one period after its start).
            boolean began = asked.latestDelay() != null && written.stream().anyMatch(state ->
                    state.currentPeriod() != null && state.currentPeriod().number() == asked.period()
                            && state.currentPeriod().end().equals(asked.latestDelay()));
            if (!began) {
                continue;
            }
            if (asked.skipped()) {
                if (invoices.getOrDefault(asked.period(), List.of()).stream()
                        .anyMatch(invoice -> invoice.invoiceKey().endsWith(":renewal"))) {
                    broken.add("skipped period " + asked.period() + " was invoiced");
                }
                if (shipped.containsKey(asked.period())) {
                    broken.add("skipped period " + asked.period() + " shipped a box");
                }
            } else {
                OrderState box = shipped.get(asked.period());
                boolean ended = idle != null && idle.status() == SubscriptionStatus.CANCELED;
                if (box != null && !ended && box.placedAt().isBefore(asked.startsAt())) {
                    broken.add("the box of period " + asked.period() + " was delayed to " + asked.startsAt()
                            + " but started at " + box.placedAt());
                }
            }
        }

        shipped.forEach((period, box) -> {
            long paid = paidFor(invoices.getOrDefault(period, List.of()));
            if (paid == 0 && box.prepaidBy().paidMinor() > 0) {
                broken.add("the box of period " + period + " shipped, but the period was never paid");
            } else if (box.prepaidBy().paidMinor() > paid) {
                broken.add("the box of period " + period + " may give back " + box.prepaidBy().paidMinor()
                        + ", more than the period was sold for (" + paid + ")");
            }
        });
        if (world.boxPayments.chargeCount() > 0) {
            broken.add("a box order charged the customer itself (" + world.boxPayments.chargeCount() + " charges)");
        }

        // Paid means shipped, while the subscription stays on its box plan: a delayed box may still be waiting.
        boolean stayedOnBoxes = written.stream().allMatch(state -> MoneyWorld.COFFEE_BOX.planId()
                .equals(state.planId()));
        if (stayedOnBoxes) {
            invoices.forEach((period, issued) -> {
                boolean paidRenewal = issued.stream().anyMatch(invoice -> invoice.invoiceKey().endsWith(":renewal")
                        && invoice.status() == InvoiceStatus.PAID);
                boolean waiting = accepted.stream().anyMatch(asked -> asked.period() == period && asked.delayed()
                        && asked.startsAt().isAfter(now));
                if (paidRenewal && !shipped.containsKey(period) && !waiting) {
                    broken.add("period " + period + " was paid but shipped no box");
                }
            });
        }
        return broken;
    }

    /** What a period's paid invoices sold it for: every line but credit applied from the account. */
    private static long paidFor(List<IssuedInvoice> invoices) {
        return invoices.stream().filter(invoice -> invoice.status() == InvoiceStatus.PAID)
                .flatMap(invoice -> invoice.lines().stream())
                .filter(line -> line.kind() != InvoiceLineKind.ACCOUNT_CREDIT)
                .mapToLong(InvoiceLine::amountMinor).sum();
    }

    @Override
    public String toString() {
        return accepted.stream().map(Objects::toString).collect(Collectors.joining(", "));
    }
}

package io.perennial.subscription;

import java.util.ArrayList;
import java.util.List;

/**
 * What a subscription bills each period on top of its plan's terms: how many units of the plan (seats, or boxes per
 * period of a box plan) and which add-ons, each with its own quantity. Immutable; a change is a new value.
 *
 * @param quantity units of the plan, 1 to {@link #MAX_QUANTITY}; 0 (states from before quantities existed) means 1
 * @param addOns   in the order they were added; at most one per code
 */
public record SubscriptionItems(int quantity, List<AddOnItem> addOns) {

    public static final int MAX_QUANTITY = 10_000;
    public static final SubscriptionItems ONE = new SubscriptionItems(1, List.of());

    public SubscriptionItems {
        if (quantity < 1) {
            quantity = 1;
        }
        addOns = addOns == null ? List.of() : List.copyOf(addOns);
    }

    public static SubscriptionItems of(int quantity) {
        return new SubscriptionItems(quantity, List.of());
    }

    /** What a period of {@code plan} costs with these items, before discounts: plan × quantity plus the add-ons. */
    public long priceWith(PlanTerms plan) {
        long price = planTotal(plan);
        for (AddOnItem addOn : addOns) {
            price = Math.addExact(price, addOn.totalMinor());
        }
        return price;
    }

    /** The plan's line: its price times the quantity, exact. */
    public long planTotal(PlanTerms plan) {
        return Math.multiplyExact(plan.amountMinor(), (long) quantity);
    }

    SubscriptionItems withQuantity(int to) {
        return new SubscriptionItems(to, addOns);
    }

    /** These items with {@code code} carried {@code count} times: added, changed, or removed at 0. */
    SubscriptionItems withAddOn(AddOnItem addOn, int count) {
        List<AddOnItem> next = new ArrayList<>();
        boolean found = false;
        for (AddOnItem carried : addOns) {
            if (carried.code().equals(addOn.code())) {
                found = true;
                if (count > 0) {
                    next.add(carried.withQuantity(count));
                }
            } else {
                next.add(carried);
            }
        }
        if (!found && count > 0) {
            next.add(addOn.withQuantity(count));
        }
        return new SubscriptionItems(quantity, next);
    }

    /** The add-on {@code code} as carried, or null. */
    AddOnItem find(String code) {
        return addOns.stream().filter(addOn -> addOn.code().equals(code)).findFirst().orElse(null);
    }
}

package io.perennial.subscription;

/**
 * A change of what the subscription bills each period: how many units of its plan, or how many of one add-on (0
 * removes it). Stated against what the next period would bill (a decrease already scheduled included), so asking for
 * the current figures again takes back a scheduled decrease.
 *
 * @param quantity     the plan's new quantity; null when an add-on changes
 * @param addOn        the add-on that changes; null when the quantity does
 * @param effectiveNow a decrease or removal applies now, its unused time credited, instead of at the period end
 */
public record ItemChange(Integer quantity, AddOnChange addOn, boolean effectiveNow) {

    public static ItemChange quantity(int quantity, boolean effectiveNow) {
        return new ItemChange(quantity, null, effectiveNow);
    }

    public static ItemChange addOn(AddOnChange addOn, boolean effectiveNow) {
        return new ItemChange(null, addOn, effectiveNow);
    }

    /**
     * {@code items} with this change made. An add-on keeps the terms it is carried at ({@code items}', else
     * {@code current}'s, for one whose removal is scheduled); else the catalogue's terms given with the change.
     */
    SubscriptionItems applyTo(SubscriptionItems items, SubscriptionItems current) {
        if (quantity != null) {
            return items.withQuantity(quantity);
        }
        AddOnItem terms = items.find(addOn.code());
        if (terms == null) {
            terms = current.find(addOn.code());
        }
        if (terms == null) {
            terms = addOn.terms();
        }
        return terms == null ? items : items.withAddOn(terms, addOn.quantity());
    }
}

package io.perennial.restock;

import java.util.List;

/**
 * Where the restock of a SKU stands: the open purchase order (null between orders), earlier ones of this run
 * (the latest few), the orders waiting in order of arrival and the ones woken so far (the latest few).
 */
public record RestockState(String sku, RestockStatus status, PurchaseOrderView current,
                           List<PurchaseOrderView> earlier, List<Backorder> waiting, List<String> woken,
                           int reminders) {

    public RestockState {
        earlier = List.copyOf(earlier);
        waiting = List.copyOf(waiting);
        woken = List.copyOf(woken);
    }
}

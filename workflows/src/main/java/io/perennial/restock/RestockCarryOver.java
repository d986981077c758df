package io.perennial.restock;

import java.util.List;

/** What a restock run hands to the next one when it continues as new. */
public record RestockCarryOver(int nextSequence, boolean reorderDue, List<Backorder> waiting,
                               PurchaseOrderView current, int undistributed, List<PurchaseOrderView> earlier,
                               List<String> woken, int reminders) {

    public RestockCarryOver {
        waiting = List.copyOf(waiting);
        earlier = List.copyOf(earlier);
        woken = List.copyOf(woken);
    }
}

package io.perennial.subscription;

import io.perennial.subscription.PlanChanges.Move;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * Changes of what a period bills besides the plan's terms: the quantity, and the add-ons with theirs. They prorate
 * exactly as a plan change does, by the same code ({@link PlanChanges}): an increase is charged now for the rest of
 * the period (credit for the unused time of what the period billed, charge for what it bills after the change); a
 * decrease or a removal waits for the period end unless asked for now, when it is credited the same way.
 */
final class ItemChanges {

    private static final Logger log = Workflow.getLogger(ItemChanges.class);

    private final Subscription s;
    private final PlanChanges planChanges;

    ItemChanges(Subscription s, PlanChanges planChanges) {
        this.s = s;
        this.planChanges = planChanges;
    }

    PlanChangeQuote preview(ItemChange change) {
        return planChanges.preview(move(change));
    }

    PlanChangeResult change(ItemChange change) {
        Workflow.getVersion(EngineChanges.ITEM_CHANGES, Workflow.DEFAULT_VERSION, 1);
        Move move = move(change);
        log.info("Items change from {} to {}", s.billedItems(), move.items());
        return planChanges.move(move);
    }

    /** The items the change asks for, from those the next period would bill. */
    private Move move(ItemChange change) {
        return Move.toItems(change.applyTo(s.billedItems(), s.items), change.effectiveNow(), s);
    }
}

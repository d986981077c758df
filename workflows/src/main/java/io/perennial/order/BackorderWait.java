package io.perennial.order;

import io.perennial.inventory.InventoryActivities;
import io.perennial.inventory.Shortage;
import io.perennial.inventory.StockReservation;
import io.perennial.order.OrderSteps.StepFailed;
import io.perennial.restock.Backorder;
import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.perennial.order.OrderSteps.reasonOf;
import static io.perennial.order.OrderSteps.step;
import static io.perennial.temporal.BusinessTime.earliest;
import static io.perennial.temporal.BusinessTime.now;

/**
 * Holds the order's stock, waiting as BACKORDERED when some is missing: the restock of each missing SKU wakes the
 * order, and it also tries again every {@link #RESTOCK_RECHECK}, until the backorder deadline (for a box, the end
 * of its period).
 */
final class BackorderWait {

    private static final Logger log = Workflow.getLogger(BackorderWait.class);

    /** A backordered order also tries again this often, in case stock came in without a restock signal. */
    static final Duration RESTOCK_RECHECK = Duration.ofHours(12);

    /** Since this change a backordered order registers with the restock of each SKU it lacks. */
    static final String REGISTER_BACKORDERS = "register-backorders-with-restock";

    enum Outcome { HELD, CANCELED, BACKORDER_EXPIRED }

    private final InventoryActivities inventory = ActivityStubs.database(InventoryActivities.class);
    /** Registering with a restock is a courtesy: the 12-hourly re-check still runs if Temporal cannot take it. */
    private final InventoryActivities backorders = ActivityStubs.stub(InventoryActivities.class,
            ActivityStubs.DATABASE_ATTEMPT, RetryPolicies.DATABASE.toBuilder().setMaximumAttempts(5).build());
    private final Order order;
    private final PublishedOrder published;

    BackorderWait(Order order, PublishedOrder published) {
        this.order = order;
        this.published = published;
    }

    Outcome holdStock() {
        while (true) {
            if (order.cancelRequested) {
                return Outcome.CANCELED;
            }
            StockReservation reservation = step("stock reservation", () -> inventory.reserveStock(order.hold));
            if (reservation.status() == StockReservation.Status.HELD
                    || reservation.status() == StockReservation.Status.SHIPPED) {
                order.backorderedSkus = List.of();
                return Outcome.HELD;
            }
            if (reservation.status() == StockReservation.Status.RELEASED) {
                // This order's stock was held and given back before (a reset after its compensation ran).
                throw new StepFailed("stock reservation " + order.hold.reservationId() + " was already released");
            }
            order.backorderedSkus = reservation.shortages().stream().map(Shortage::sku).toList();
            if (order.status != OrderStatus.BACKORDERED) {
                // A box waits until its period ends, however late in the period it was paid.
                order.backorderDeadlineAt = order.request.box() ? order.request.prepaidBy().periodEnd()
                        : now().plus(order.request.backorderDeadline());
                order.move(OrderStatus.BACKORDERED, "out of stock: " + describe(reservation.shortages()));
            } else {
                order.changed();
            }
            registerBackorders(reservation.shortages());
            Outcome waited = awaitRestock();
            if (waited != null) {
                return waited;
            }
        }
    }

    /** Asks the restock of each missing SKU to wake this order (histories from before the change skip it). */
    private void registerBackorders(List<Shortage> shortages) {
        if (Workflow.getVersion(REGISTER_BACKORDERS, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return;
        }
        String workflowId = Workflow.getInfo().getWorkflowId();
        for (Shortage shortage : shortages) {
            try {
                backorders.registerBackorder(new Backorder(workflowId, shortage.sku(), shortage.requested()));
            } catch (ActivityFailure failure) {
                log.warn("Order {}: could not register the backorder of {} with its restock: {}",
                        order.request.orderId(), shortage.sku(), reasonOf(failure));
            }
        }
    }

    /** Null when it is time to try again; otherwise how the wait ended. */
    private Outcome awaitRestock() {
        Instant recheckAt = earliest(now().plus(RESTOCK_RECHECK), order.backorderDeadlineAt);
        while (true) {
            published.publish();
            long seenRevision = order.revision;
            int seenRestocks = order.restockSignals;
            Duration left = Duration.between(now(), recheckAt);
            if (left.isNegative() || left.isZero()) {
                return now().isBefore(order.backorderDeadlineAt) ? null : Outcome.BACKORDER_EXPIRED;
            }
            Workflow.await(left, () -> order.cancelRequested || order.restockSignals != seenRestocks
                    || order.revision != seenRevision);
            if (order.cancelRequested) {
                return Outcome.CANCELED;
            }
            if (order.restockSignals != seenRestocks) {
                return null;
            }
            // Otherwise only the state changed (an address change): record it and wait on.
        }
    }

    private static String describe(List<Shortage> shortages) {
        return String.join(", ", shortages.stream()
                .map(s -> s.sku() + " (" + s.requested() + " asked, " + s.available() + " free)").toList());
    }
}

package io.perennial.restock;

import io.perennial.order.OrderFulfillmentWorkflow;
import io.perennial.order.Restocked;
import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.PerennialSearchAttributes;
import io.perennial.temporal.RetryPolicies;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import org.slf4j.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.perennial.temporal.BusinessTime.now;

/**
 * The restock of one SKU: a purchase order for the reorder quantity (or the backorder demand, when larger) to the
 * preferred supplier, falling back to the alternate one when the preferred refuses or stays unreachable; receipts
 * until it is filled, each putting stock on hand and waking backordered orders in order of arrival; past the
 * deadline (1.5 × the supplier's lead time) ops are reminded and the remainder is re-ordered from the alternate
 * supplier. Ends when the order is filled and nobody waits; continues as new before its history grows long.
 */
public class RestockWorkflowImpl implements RestockWorkflow {

    private static final Logger log = Workflow.getLogger(RestockWorkflowImpl.class);

    /** With no supplier taking the order, ops are reminded and it is tried again this much later. */
    static final Duration RETRY_SUPPLIERS_AFTER = Duration.ofHours(6);
    /** How many earlier purchase orders and woken orders the state keeps, so it stays small. */
    private static final int KEPT = 20;

    private final RestockActivities records = ActivityStubs.database(RestockActivities.class);

    /** A supplier down or slow is tried for about five minutes, then the next supplier is. */
    private final RestockActivities suppliers = ActivityStubs.remote(RestockActivities.class, RetryPolicies.SUPPLIER);

    private final String sku;
    private final int historyLimit;
    /** Orders waiting for stock, in order of arrival (by order workflow id). */
    private final Map<String, Backorder> waiting = new LinkedHashMap<>();
    private final List<PurchaseOrderView> earlier = new ArrayList<>();
    private final List<String> woken = new ArrayList<>();

    private int nextSequence;
    private boolean reorderDue;
    private PurchaseOrderView current;
    /** Units received and not yet promised to a woken order. */
    private int undistributed;
    private int reminders;
    private int receiptsInFlight;
    private long receiptsApplied;
    private RestockStatus status = RestockStatus.PLANNING;
    private RestockStatus publishedStatus;

    @WorkflowInit
    public RestockWorkflowImpl(RestockStart start) {
        this.sku = start.sku();
        this.historyLimit = start.historyLimitOrDefault();
        RestockCarryOver carried = start.carried();
        if (carried != null) {
            nextSequence = carried.nextSequence();
            reorderDue = carried.reorderDue();
            carried.waiting().forEach(backorder -> waiting.put(backorder.orderWorkflowId(), backorder));
            current = carried.current();
            undistributed = carried.undistributed();
            earlier.addAll(carried.earlier());
            woken.addAll(carried.woken());
            reminders = carried.reminders();
            status = current == null ? RestockStatus.PLANNING : statusOf(current);
        }
    }

    @Override
    public RestockState run(RestockStart start) {
        publish();
        while (true) {
            if (receiptsInFlight == 0 && current != null && current.filled()) {
                closeFilled();
            }
            if (receiptsInFlight == 0 && historyTooLong()) {
                Workflow.await(Workflow::isEveryHandlerFinished);
                Workflow.continueAsNew(new RestockStart(sku, historyLimit, carryOver()));
            }
            if (current == null) {
                if (!reorderDue && waiting.isEmpty()) {
                    break;
                }
                orderWhatIsNeeded();
                continue;
            }
            if (!now().isBefore(current.dueAt())) {
                Workflow.await(() -> receiptsInFlight == 0);
                if (!current.filled()) {
                    reorderOverdueRemainder();
                }
                continue;
            }
            long seen = receiptsApplied;
            Workflow.await(Duration.between(now(), current.dueAt()), () -> receiptsApplied != seen);
        }
        Workflow.await(Workflow::isEveryHandlerFinished);
        if (current == null && (reorderDue || !waiting.isEmpty())) {
            // A signal came with the last task: carry on in a fresh run rather than drop it.
            Workflow.continueAsNew(new RestockStart(sku, historyLimit, carryOver()));
        }
        status = RestockStatus.COMPLETED;
        publish();
        return state();
    }

    // ---- ordering -------------------------------------------------------------------------------------------

    /** Places an order for the reorder quantity or the backorder demand, whichever is larger. */
    private void orderWhatIsNeeded() {
        RestockPlan plan = records.planRestock(new RestockPlanRequest(sku));
        nextSequence = Math.max(nextSequence, plan.nextSequence());
        if (waiting.isEmpty() && !plan.reorderDue()) {
            // Stock came back above the reorder point (a count, a canceled order) before anything was ordered.
            log.info("Restock {}: {} free, above the reorder point {}; nothing to order", sku, plan.available(),
                    plan.reorderPoint());
            reorderDue = false;
            return;
        }
        int demand = waiting.values().stream().mapToInt(Backorder::quantity).sum();
        List<SupplierTerms> candidates = new ArrayList<>();
        candidates.add(plan.preferred());
        if (plan.alternate() != null) {
            candidates.add(plan.alternate());
        }
        placeWithFirstTaker(candidates, Math.max(plan.reorderQuantity(), demand), null);
    }

    /** The deadline passed: remind ops, close the late order short, re-order its remainder from the alternate. */
    private void reorderOverdueRemainder() {
        // Off the books at once: from here a receipt for it is refused, so the remainder below stays true.
        PurchaseOrderView late = current.withStatus(PurchaseOrderStatus.OVERDUE);
        current = null;
        keep(earlier, late.withStatus(PurchaseOrderStatus.SHORT_CLOSED));
        Instant at = now();
        status = RestockStatus.OVERDUE;
        reminders++;
        publish();
        records.remindOps(new RestockReminder(sku, late.purchaseOrderId(), late.supplierId(), late.ordered(),
                late.received(), late.dueAt(), at, "purchase order " + late.purchaseOrderId() + " to "
                + late.supplierId() + " is overdue: " + late.received() + " of " + late.ordered()
                + " received by " + late.dueAt() + "; re-ordering the remaining " + late.remainder()));
        records.recordPurchaseOrderStatus(new PurchaseOrderStatusChange(late.purchaseOrderId(),
                PurchaseOrderStatus.SHORT_CLOSED, at, "overdue: " + late.remainder() + " not received by "
                + late.dueAt() + ", re-ordered"));
        RestockPlan plan = records.planRestock(new RestockPlanRequest(sku));
        nextSequence = Math.max(nextSequence, plan.nextSequence());
        List<SupplierTerms> candidates = new ArrayList<>();
        if (plan.alternate() != null) {
            candidates.add(plan.alternate());
        }
        candidates.add(plan.preferred());
        placeWithFirstTaker(candidates, late.remainder(), late.purchaseOrderId());
    }

    /**
     * Tries each supplier in turn, each under a new purchase order id; when none takes it, ops are reminded and it
     * is tried again later (the loop comes back here while nothing is on order).
     */
    private void placeWithFirstTaker(List<SupplierTerms> candidates, int quantity, String replaces) {
        List<String> refusals = new ArrayList<>();
        for (SupplierTerms supplier : candidates) {
            String purchaseOrderId = PurchaseOrderRequest.idFor(sku, nextSequence++);
            Instant placedAt = now();
            Instant dueAt = supplier.dueFrom(placedAt);
            try {
                suppliers.placePurchaseOrder(new PurchaseOrderRequest(purchaseOrderId, sku, supplier.supplierId(),
                        quantity, placedAt, dueAt, replaces));
                current = new PurchaseOrderView(purchaseOrderId, supplier.supplierId(), PurchaseOrderStatus.PLACED,
                        quantity, 0, placedAt, dueAt, List.of());
                reorderDue = false;
                status = RestockStatus.ORDERED;
                log.info("Restock {}: ordered {} from {} as {}, due {}", sku, quantity, supplier.supplierId(),
                        purchaseOrderId, dueAt);
                publish();
                return;
            } catch (ActivityFailure failure) {
                refusals.add(supplier.supplierId() + ": " + reasonOf(failure));
                log.warn("Restock {}: {} not placed with {}: {}", sku, purchaseOrderId, supplier.supplierId(),
                        reasonOf(failure));
                if (!rejected(failure)) {
                    // Down or silent to the end: it may have taken the order all the same. Say so on the record.
                    records.recordPurchaseOrderStatus(new PurchaseOrderStatusChange(purchaseOrderId,
                            PurchaseOrderStatus.UNCONFIRMED, now(), "never confirmed: " + reasonOf(failure)));
                }
            }
        }
        status = RestockStatus.NEEDS_ATTENTION;
        reminders++;
        publish();
        records.remindOps(new RestockReminder(sku, replaces, candidates.get(0).supplierId(), quantity, 0, null,
                now(), "no supplier took an order of " + quantity + " (" + String.join("; ", refusals)
                + "); trying again in " + RETRY_SUPPLIERS_AFTER));
        Workflow.sleep(RETRY_SUPPLIERS_AFTER);
        if (replaces != null) {
            // The remainder of the late order is still owed; the next attempt orders the usual way.
            reorderDue = true;
        }
    }

    // ---- receipts and waking --------------------------------------------------------------------------------

    @Override
    public void validateReceipt(GoodsReceipt receipt) {
        String refusal = refusalOf(receipt);
        if (refusal != null) {
            throw ApplicationFailure.newNonRetryableFailure(refusal, RestockFailures.RECEIPT_REFUSED);
        }
    }

    /** Null when the receipt can be counted (or was counted before with the same quantity). */
    private String refusalOf(GoodsReceipt receipt) {
        if (receipt == null || receipt.receiptId() == null || receipt.receiptId().isBlank()
                || receipt.quantity() <= 0) {
            return "a receipt has a receipt id and a positive quantity";
        }
        if (current == null || !current.purchaseOrderId().equals(receipt.purchaseOrderId())) {
            return "purchase order " + receipt.purchaseOrderId() + " is not open for receipts"
                    + (current == null ? "" : " (the open one is " + current.purchaseOrderId() + ")");
        }
        PurchaseOrderView.ReceivedGoods earlierReceipt = current.receipt(receipt.receiptId());
        if (earlierReceipt != null) {
            return earlierReceipt.quantity() == receipt.quantity() ? null : "receipt " + receipt.receiptId()
                    + " was counted with " + earlierReceipt.quantity() + ", not " + receipt.quantity();
        }
        if (current.received() + receipt.quantity() > current.ordered()) {
            return "over-receipt: " + receipt.quantity() + " more would make " + (current.received()
                    + receipt.quantity()) + " of " + current.ordered() + " ordered on " + current.purchaseOrderId();
        }
        return null;
    }

    @Override
    public ReceiptOutcome receive(GoodsReceipt receipt) {
        String refusal = refusalOf(receipt);
        if (refusal != null) {
            // The validator let it through, but another receipt got in first.
            throw ApplicationFailure.newNonRetryableFailure(refusal, RestockFailures.RECEIPT_REFUSED);
        }
        PurchaseOrderView.ReceivedGoods earlierReceipt = current.receipt(receipt.receiptId());
        if (earlierReceipt != null) {
            return new ReceiptOutcome(current.purchaseOrderId(), receipt.receiptId(), receipt.quantity(),
                    current.received(), current.ordered(), true, List.of());
        }
        Instant at = now();
        // Counted at once, so a receipt arriving while this one is put away sees it.
        current = current.with(new PurchaseOrderView.ReceivedGoods(receipt.receiptId(), receipt.quantity(), at));
        PurchaseOrderView counted = current;
        receiptsInFlight++;
        try {
            records.receiveStock(new StockReceipt(receipt.purchaseOrderId(), receipt.receiptId(), sku,
                    receipt.quantity(), receipt.receivedBy(), at));
        } finally {
            receiptsInFlight--;
        }
        undistributed += receipt.quantity();
        status = statusOf(counted);
        publish();
        List<String> wokenNow = wake(counted.filled());
        receiptsApplied++;
        return new ReceiptOutcome(counted.purchaseOrderId(), receipt.receiptId(), receipt.quantity(),
                counted.received(), counted.ordered(), false, wokenNow);
    }

    /**
     * Wakes waiting orders in order of arrival while what came in covers them; with {@code everyone} (the order
     * is filled) all of them, so each tries again and a still-unfilled one registers anew. The ones to wake are
     * taken off the queue before anything waits, and their signals leave in that order, so a receipt or a signal
     * arriving meanwhile can neither reorder nor disturb them.
     */
    private List<String> wake(boolean everyone) {
        List<Backorder> chosen = new ArrayList<>();
        Iterator<Backorder> queue = waiting.values().iterator();
        while (queue.hasNext()) {
            Backorder next = queue.next();
            if (!everyone && next.quantity() > undistributed) {
                break;
            }
            undistributed = Math.max(0, undistributed - next.quantity());
            queue.remove();
            chosen.add(next);
        }
        List<Promise<Void>> signals = new ArrayList<>();
        for (Backorder backorder : chosen) {
            OrderFulfillmentWorkflow order = Workflow.newExternalWorkflowStub(OrderFulfillmentWorkflow.class,
                    backorder.orderWorkflowId());
            signals.add(Async.procedure(order::restocked, new Restocked(sku)));
            keep(woken, backorder.orderWorkflowId());
        }
        List<String> wokenNow = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            try {
                signals.get(i).get();
                wokenNow.add(chosen.get(i).orderWorkflowId());
            } catch (SignalExternalWorkflowException gone) {
                log.info("Restock {}: order {} no longer runs; not woken", sku, chosen.get(i).orderWorkflowId());
            }
        }
        return wokenNow;
    }

    private void closeFilled() {
        wake(true);
        log.info("Restock {}: {} received in full ({})", sku, current.purchaseOrderId(), current.ordered());
        keep(earlier, current);
        current = null;
        undistributed = 0;
    }

    // ---- signals and query ----------------------------------------------------------------------------------

    @Override
    public void lowStock(LowStock lowStock) {
        if (current == null) {
            reorderDue = true;
        }
    }

    @Override
    public void backorderWaiting(Backorder backorder) {
        if (backorder != null && sku.equals(backorder.sku())) {
            waiting.putIfAbsent(backorder.orderWorkflowId(), backorder);
        }
    }

    @Override
    public RestockState state() {
        return new RestockState(sku, status, current, earlier, List.copyOf(waiting.values()), woken, reminders);
    }

    // ---- state ----------------------------------------------------------------------------------------------

    private RestockCarryOver carryOver() {
        return new RestockCarryOver(nextSequence, reorderDue, List.copyOf(waiting.values()), current, undistributed,
                earlier, woken, reminders);
    }

    private boolean historyTooLong() {
        return Workflow.getInfo().getHistoryLength() > historyLimit || Workflow.getInfo().isContinueAsNewSuggested();
    }

    /** The search attribute and the UI's details line, when the status changed. */
    private void publish() {
        Workflow.setCurrentDetails(status + (current == null ? "" : " · " + current.purchaseOrderId() + " to "
                + current.supplierId() + " · " + current.received() + "/" + current.ordered() + " received · due "
                + current.dueAt()) + " · " + waiting.size() + " waiting");
        if (status != publishedStatus) {
            Workflow.upsertTypedSearchAttributes(PerennialSearchAttributes.RESTOCK_STATUS.valueSet(status.name()));
            publishedStatus = status;
        }
    }

    private static RestockStatus statusOf(PurchaseOrderView order) {
        if (order.filled()) {
            return RestockStatus.RECEIVED;
        }
        return order.received() == 0 ? RestockStatus.ORDERED : RestockStatus.PARTIALLY_RECEIVED;
    }

    private static <T> void keep(List<T> list, T item) {
        list.add(item);
        if (list.size() > KEPT) {
            list.remove(0);
        }
    }

    private static boolean rejected(ActivityFailure failure) {
        return failure.getCause() instanceof ApplicationFailure application
                && RestockFailures.PURCHASE_ORDER_REJECTED.equals(application.getType());
    }

    private static String reasonOf(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure application) {
            return application.getOriginalMessage() + " [" + application.getType() + "]";
        }
        if (cause instanceof TimeoutFailure timeout) {
            return "timed out (" + timeout.getTimeoutType() + ")";
        }
        return cause == null ? failure.getMessage() : cause.getMessage();
    }

}

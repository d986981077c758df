package io.perennial.restock;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One open restock per SKU, id {@code restock-{sku}} on the {@code restocks} task queue, always signal-with-started
 * ({@link RestockStartOptions}): purchase order to the preferred supplier → receipts → stock on hand →
 * backordered orders woken in order of arrival. Late orders remind ops and re-order the remainder from the
 * alternate supplier.
 */
@WorkflowInterface
public interface RestockWorkflow {

    /** Runs until the purchase order is received in full and no order is waiting; returns the final state. */
    @WorkflowMethod
    RestockState run(RestockStart start);

    /** Stock fell to or below the reorder point (from a reservation or a count). Harmless while an order is out. */
    @SignalMethod
    void lowStock(LowStock lowStock);

    /** A backordered order waits for this SKU; woken in order of arrival. Registering twice keeps the first place. */
    @SignalMethod
    void backorderWaiting(Backorder backorder);

    /** Goods of the open purchase order arrived. Partial receipts are fine; more than ordered is refused. */
    @UpdateMethod
    ReceiptOutcome receive(GoodsReceipt receipt);

    @UpdateValidatorMethod(updateName = "receive")
    void validateReceipt(GoodsReceipt receipt);

    @QueryMethod
    RestockState state();
}

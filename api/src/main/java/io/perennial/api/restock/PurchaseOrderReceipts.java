package io.perennial.api.restock;

import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.restock.GoodsReceipt;
import io.perennial.restock.PurchaseOrderReceiptRecord;
import io.perennial.restock.PurchaseOrderRecord;
import io.perennial.restock.PurchaseOrderView;
import io.perennial.restock.PurchaseOrders;
import io.perennial.restock.RestockWorkflow;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Posts a receipt to the restock that owns the purchase order (an Update of {@code restock-{sku}}, which puts the
 * goods on hand and wakes backorders before it answers). Checked against the table first, so a repeat of a counted
 * receipt answers at once and an obvious over-receipt never reaches the workflow.
 */
@Singleton
public class PurchaseOrderReceipts {

    private static final String ENCODED = "Encoded failure";

    private final PurchaseOrders purchaseOrders;
    private final WorkflowClient client;

    public PurchaseOrderReceipts(PurchaseOrders purchaseOrders, WorkflowClient client) {
        this.purchaseOrders = purchaseOrders;
        this.client = client;
    }

    public PurchaseOrderRecord receive(String purchaseOrderId, ReceiptRequest request, String actor) {
        PurchaseOrderRecord order = purchaseOrders.find(purchaseOrderId)
                .orElseThrow(() -> ApiProblems.notFound("Purchase order", purchaseOrderId));
        Optional<PurchaseOrderReceiptRecord> counted = purchaseOrders.receipts(order.id()).stream()
                .filter(receipt -> receipt.receiptId().equals(request.receiptId())).findFirst();
        if (counted.isPresent()) {
            if (counted.get().quantity() != request.quantity()) {
                throw refused("receipt " + request.receiptId() + " was counted with " + counted.get().quantity()
                        + ", not " + request.quantity());
            }
            return order;
        }
        if (!order.acceptsReceipts()) {
            throw refused("purchase order " + order.id() + " is " + order.status() + ": it takes no receipts");
        }
        if (order.receivedQuantity() + request.quantity() > order.quantity()) {
            throw overReceipt("purchase order " + order.id() + " has " + order.receivedQuantity() + " of "
                    + order.quantity() + " received: " + request.quantity() + " more is an over-receipt");
        }
        RestockWorkflow restock = client.newWorkflowStub(RestockWorkflow.class, WorkflowIds.restock(order.sku()));
        try {
            restock.receive(new GoodsReceipt(order.id(), request.receiptId(), request.quantity(), actor));
        } catch (WorkflowUpdateException e) {
            // Another receipt got in between the check above and the restock's own, which decides.
            throw refusal(restock, order.id(), request, messageOf(e));
        } catch (WorkflowNotFoundException e) {
            throw refused("the restock of " + order.sku() + " is not running: purchase order " + order.id()
                    + " takes no receipts");
        }
        return purchaseOrders.find(order.id()).orElseThrow();
    }

    /**
     * The restock's refusal as a problem. With payload encryption on, the SDK encodes a validator's failure twice
     * and the client decodes only the outer layer, so its words may arrive as "Encoded failure": then the reason
     * is stated from the restock's state (it counts a receipt before it is written to the table).
     */
    private ProblemException refusal(RestockWorkflow restock, String purchaseOrderId, ReceiptRequest request,
                                     String message) {
        if (!message.equals(ENCODED)) {
            return message.startsWith("over-receipt") ? overReceipt(message) : refused(message);
        }
        PurchaseOrderView open = restock.state().current();
        if (open == null || !open.purchaseOrderId().equals(purchaseOrderId)) {
            return refused("purchase order " + purchaseOrderId + " is no longer open for receipts");
        }
        if (open.received() + request.quantity() > open.ordered()) {
            return overReceipt("purchase order " + purchaseOrderId + " has " + open.received() + " of "
                    + open.ordered() + " received: " + request.quantity() + " more is an over-receipt");
        }
        return refused("the restock refused receipt " + request.receiptId() + " of purchase order "
                + purchaseOrderId);
    }

    private static String messageOf(WorkflowUpdateException e) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof ApplicationFailure)) {
            cause = cause.getCause();
        }
        return cause instanceof ApplicationFailure failure ? failure.getOriginalMessage() : "the restock refused it";
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(new Problem(ApiProblems.BASE + "receipt-refused", "Receipt refused", 409, detail,
                null, null));
    }

    private static ProblemException overReceipt(String detail) {
        return new ProblemException(new Problem(ApiProblems.BASE + "over-receipt", "Over-receipt", 409, detail,
                null, null));
    }
}

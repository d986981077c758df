package io.perennial.restock;

import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.inventory.Inventory;
import io.perennial.inventory.StockLevel;
import io.perennial.inventory.Supplier;
import io.perennial.supply.SupplierConfirmation;
import io.perennial.supply.SupplierGateway;
import io.perennial.supply.SupplierOrder;
import io.perennial.supply.SupplierRefusedException;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The restock's activities on inventory, purchase orders and the supplier port; each idempotent by its ids. */
@Singleton
public class RestockActivitiesImpl implements RestockActivities {

    /** The restock names a SKU or supplier the inventory does not have. */
    public static final String UNKNOWN_SKU = "UnknownSku";

    private static final Logger log = LoggerFactory.getLogger(RestockActivitiesImpl.class);

    private final Inventory inventory;
    private final PurchaseOrders purchaseOrders;
    private final SupplierGateway suppliers;
    private final AuditLog audit;

    public RestockActivitiesImpl(Inventory inventory, PurchaseOrders purchaseOrders, SupplierGateway suppliers,
                                 AuditLog audit) {
        this.inventory = inventory;
        this.purchaseOrders = purchaseOrders;
        this.suppliers = suppliers;
        this.audit = audit;
    }

    @Override
    public RestockPlan planRestock(RestockPlanRequest request) {
        StockLevel level = inventory.level(request.sku()).orElseThrow(() ->
                ApplicationFailure.newNonRetryableFailure("no SKU '" + request.sku() + "'", UNKNOWN_SKU));
        return new RestockPlan(level.sku(), level.reorderPoint(), level.reorderQuantity(), level.available(),
                terms(level.preferredSupplierId()), level.alternateSupplierId() == null ? null
                : terms(level.alternateSupplierId()), purchaseOrders.nextSequence(level.sku()));
    }

    @Override
    public PlacedPurchaseOrder placePurchaseOrder(PurchaseOrderRequest request) {
        PurchaseOrderRecord order = purchaseOrders.begin(request);
        if (order.status() == PurchaseOrderStatus.REJECTED) {
            throw rejected(order.id(), order.note());
        }
        if (order.status() != PurchaseOrderStatus.PLACING) {
            return new PlacedPurchaseOrder(order.id(), order.supplierId(), order.supplierReference());
        }
        try {
            SupplierConfirmation confirmation = suppliers.placeOrder(new SupplierOrder(order.id(), order.supplierId(),
                    order.sku(), order.quantity()));
            purchaseOrders.placed(order.id(), confirmation.reference());
            log.info("Purchase order {} placed with {}: {} × {} (their reference {})", order.id(), order.supplierId(),
                    order.quantity(), order.sku(), confirmation.reference());
            return new PlacedPurchaseOrder(order.id(), order.supplierId(), confirmation.reference());
        } catch (SupplierRefusedException refused) {
            purchaseOrders.rejected(order.id(), refused.getMessage());
            throw rejected(order.id(), refused.getMessage());
        }
    }

    @Override
    public ReceivedStock receiveStock(StockReceipt receipt) {
        try {
            return purchaseOrders.receive(receipt);
        } catch (PurchaseOrderException refused) {
            throw ApplicationFailure.newNonRetryableFailure(refused.getMessage(), RestockFailures.RECEIPT_REFUSED);
        }
    }

    @Override
    public void recordPurchaseOrderStatus(PurchaseOrderStatusChange change) {
        purchaseOrders.change(change);
    }

    @Override
    public void remindOps(RestockReminder reminder) {
        log.warn("Restock of {} needs ops: {}", reminder.sku(), reminder.message());
        String target = reminder.purchaseOrderId() == null ? "sku:" + reminder.sku()
                : "purchase-order:" + reminder.purchaseOrderId();
        audit.save(AuditEntry.of("restock-" + reminder.sku(), "restock.ops-reminded", target, reminder.message(),
                reminder.received() + " of " + reminder.ordered() + " received"));
    }

    private SupplierTerms terms(String supplierId) {
        Supplier supplier = inventory.supplier(supplierId).orElseThrow(() ->
                ApplicationFailure.newNonRetryableFailure("no supplier '" + supplierId + "'", UNKNOWN_SKU));
        return new SupplierTerms(supplier.id(), supplier.leadTime());
    }

    private static ApplicationFailure rejected(String purchaseOrderId, String reason) {
        return ApplicationFailure.newNonRetryableFailure("purchase order " + purchaseOrderId + " refused: " + reason,
                RestockFailures.PURCHASE_ORDER_REJECTED);
    }
}

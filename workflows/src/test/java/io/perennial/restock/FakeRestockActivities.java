package io.perennial.restock;

import io.temporal.failure.ApplicationFailure;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Suppliers, purchase-order records and the shelf for restock tests. Each supplier answers from a script
 * ({@link Answer}), then accepts; receipts count once per id, like the real activities.
 */
final class FakeRestockActivities implements RestockActivities {

    enum Answer { ACCEPT, HTTP_503, REJECT }

    static final SupplierTerms ACME = new SupplierTerms("acme", Duration.ofDays(4));
    static final SupplierTerms BETA = new SupplierTerms("beta", Duration.ofDays(2));

    private final Map<String, Deque<Answer>> scripts = new TreeMap<>();
    private final Map<String, Integer> attempts = new LinkedHashMap<>();
    private final List<PurchaseOrderRequest> placed = new ArrayList<>();
    private final Map<String, PurchaseOrderStatus> statuses = new LinkedHashMap<>();
    private final Map<String, Integer> receipts = new LinkedHashMap<>();
    private final List<RestockReminder> reminders = new ArrayList<>();
    private int reorderPoint = 5;
    private int reorderQuantity = 24;
    private int available = 3;
    private int onHand = 3;
    private SupplierTerms alternate = BETA;

    synchronized FakeRestockActivities script(String supplierId, Answer... answers) {
        scripts.put(supplierId, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    synchronized FakeRestockActivities stock(int freeNow, int reorderPoint, int reorderQuantity) {
        this.available = freeNow;
        this.onHand = freeNow;
        this.reorderPoint = reorderPoint;
        this.reorderQuantity = reorderQuantity;
        return this;
    }

    synchronized FakeRestockActivities noAlternate() {
        alternate = null;
        return this;
    }

    @Override
    public synchronized RestockPlan planRestock(RestockPlanRequest request) {
        return new RestockPlan(request.sku(), reorderPoint, reorderQuantity, available, ACME, alternate,
                (int) statuses.keySet().stream().filter(id -> id.startsWith("po-" + request.sku() + "-")).count() + 1);
    }

    @Override
    public synchronized PlacedPurchaseOrder placePurchaseOrder(PurchaseOrderRequest request) {
        attempts.merge(request.purchaseOrderId(), 1, Integer::sum);
        statuses.putIfAbsent(request.purchaseOrderId(), PurchaseOrderStatus.PLACING);
        Deque<Answer> script = scripts.get(request.supplierId());
        Answer answer = script == null || script.isEmpty() ? Answer.ACCEPT : script.poll();
        switch (answer) {
            case HTTP_503 -> throw new IllegalStateException("supplier answered HTTP 503");
            case REJECT -> {
                statuses.put(request.purchaseOrderId(), PurchaseOrderStatus.REJECTED);
                throw ApplicationFailure.newNonRetryableFailure(request.supplierId() + " does not sell "
                        + request.sku(), RestockFailures.PURCHASE_ORDER_REJECTED);
            }
            default -> {
                if (statuses.get(request.purchaseOrderId()) == PurchaseOrderStatus.PLACING) {
                    placed.add(request);
                    statuses.put(request.purchaseOrderId(), PurchaseOrderStatus.PLACED);
                }
                return new PlacedPurchaseOrder(request.purchaseOrderId(), request.supplierId(),
                        request.supplierId().toUpperCase() + "-" + placed.size());
            }
        }
    }

    @Override
    public synchronized ReceivedStock receiveStock(StockReceipt receipt) {
        String key = receipt.purchaseOrderId() + "/" + receipt.receiptId();
        if (receipts.containsKey(key)) {
            return new ReceivedStock(receipt.purchaseOrderId(), receipt.receiptId(), onHand, true);
        }
        receipts.put(key, receipt.quantity());
        onHand += receipt.quantity();
        available += receipt.quantity();
        return new ReceivedStock(receipt.purchaseOrderId(), receipt.receiptId(), onHand, false);
    }

    @Override
    public synchronized void recordPurchaseOrderStatus(PurchaseOrderStatusChange change) {
        statuses.put(change.purchaseOrderId(), change.status());
    }

    @Override
    public synchronized void remindOps(RestockReminder reminder) {
        reminders.add(reminder);
    }

    synchronized List<PurchaseOrderRequest> placed() {
        return List.copyOf(placed);
    }

    synchronized int attempts(String purchaseOrderId) {
        return attempts.getOrDefault(purchaseOrderId, 0);
    }

    synchronized PurchaseOrderStatus status(String purchaseOrderId) {
        return statuses.get(purchaseOrderId);
    }

    synchronized int onHand() {
        return onHand;
    }

    synchronized Map<String, Integer> receipts() {
        return Map.copyOf(receipts);
    }

    synchronized List<RestockReminder> reminders() {
        return List.copyOf(reminders);
    }
}

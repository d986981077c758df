package io.perennial.restock;

/**
 * An order waiting for stock of {@code sku}: the restock wakes it (signal {@code restocked} to
 * {@code orderWorkflowId}) in order of arrival once enough has come in.
 */
public record Backorder(String orderWorkflowId, String sku, int quantity) {

    public Backorder {
        if (orderWorkflowId == null || orderWorkflowId.isBlank()) {
            throw new IllegalArgumentException("a backorder names the waiting order's workflow");
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException("a backorder waits for a positive quantity, not " + quantity);
        }
    }
}

package io.perennial.api.inventory;

import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemException;
import io.perennial.inventory.InventoryException;

import java.util.function.Supplier;

/** Inventory refusals as problem documents. */
final class StockProblems {

    private StockProblems() {
    }

    static <T> T translate(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (InventoryException e) {
            throw problem(e);
        }
    }

    private static ProblemException problem(InventoryException e) {
        return switch (e.kind()) {
            case UNKNOWN_SKU -> ApiProblems.notFoundBecause(e.getMessage());
            case UNKNOWN_PRODUCT -> ApiProblems.invalidReference("/productId", e.getMessage());
            case UNKNOWN_SUPPLIER -> ApiProblems.invalidReference("/preferredSupplierId", e.getMessage());
            case INVALID -> ApiProblems.invalidField(null, e.getMessage());
            case ALREADY_EXISTS -> ApiProblems.alreadyExists(e.getMessage());
            case BELOW_RESERVED -> ApiProblems.stockBelowReserved(e.getMessage());
        };
    }
}

package io.perennial.restock;

/**
 * Starts (or continues) the restock of one SKU.
 *
 * @param historyLimit events after which a run continues as new (null: {@link #DEFAULT_HISTORY_LIMIT})
 * @param carried      what the previous run handed over, or null for a new restock
 */
public record RestockStart(String sku, Integer historyLimit, RestockCarryOver carried) {

    public static final int DEFAULT_HISTORY_LIMIT = 4_000;

    public static RestockStart of(String sku) {
        return new RestockStart(sku, null, null);
    }

    public int historyLimitOrDefault() {
        return historyLimit == null ? DEFAULT_HISTORY_LIMIT : historyLimit;
    }
}

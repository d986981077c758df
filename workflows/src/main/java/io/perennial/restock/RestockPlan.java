package io.perennial.restock;

/**
 * A SKU's reorder rule as it is now.
 *
 * @param available      free stock (on hand minus reserved)
 * @param alternate      null when the SKU has no alternate supplier
 * @param nextSequence   the {@code n} of the next purchase order id {@code po-{sku}-{n}}: one more than the SKU's
 *                       purchase orders so far, so ids never repeat across restock runs
 */
public record RestockPlan(String sku, int reorderPoint, int reorderQuantity, int available, SupplierTerms preferred,
                          SupplierTerms alternate, int nextSequence) {

    public boolean reorderDue() {
        return available <= reorderPoint;
    }
}

package io.perennial.tax;

/** Whether a plan's prices include tax (the amount is what the customer pays) or have it added on top. */
public enum TaxBehavior {
    /** Tax is part of the price: the invoice shows the tax it contains and the customer pays the price. */
    INCLUSIVE,
    /** Tax is added to the price: the customer pays the price plus the tax. */
    EXCLUSIVE
}

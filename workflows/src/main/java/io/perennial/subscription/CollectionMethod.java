package io.perennial.subscription;

/** How a subscription's invoices are paid. */
public enum CollectionMethod {
    /** Each invoice is charged to the saved payment method (the default). */
    CHARGE_AUTOMATICALLY,
    /** Each invoice is emailed; the customer pays it by its due date (a bank transfer or a redirect method). */
    SEND_INVOICE
}

package io.perennial.billing;

/** What a credit note does with the money it credits. */
public enum CreditNoteOutcome {
    /** Given back to the payment method that paid the invoice, through the ops refund path. */
    REFUND,
    /** Added to the customer's account credit, which the next invoices consume. */
    ACCOUNT_CREDIT,
    /** Less left to pay on an OPEN invoice; at 0 the invoice is PAID. */
    REDUCE_AMOUNT_DUE
}

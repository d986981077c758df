package io.perennial.billing;

/** OPEN until paid; PAID when charged (or nothing was due); VOID when abandoned before collection; UNCOLLECTIBLE after dunning gave up. */
public enum InvoiceStatus {
    OPEN, PAID, VOID, UNCOLLECTIBLE
}

package io.perennial.billing;

import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/**
 * What recording or resolving a bank transfer did. {@code paidSubscriptionId}: the subscription whose invoice it paid
 * just now, whose workflow is to be told; null when it paid nothing (or was a repeat).
 */
public record BankTransferReceipt(Outcome outcome, @Nullable BankTransferRecord transfer,
                                  @Nullable UUID paidSubscriptionId) {

    public enum Outcome {
        /** Recorded now: matched (it paid its invoice) or queued for ops. */
        RECORDED,
        /** The bank's transaction was recorded before with the same details: the same transfer, nothing new. */
        REPEATED,
        /** The bank's transaction id was recorded before with other details. */
        CONFLICTING,
        /** Assigned to an invoice by ops, or marked refunded. */
        RESOLVED,
        NOT_FOUND,
        /** Only an UNMATCHED transfer can be assigned or refunded. */
        NOT_IN_QUEUE,
        INVOICE_NOT_FOUND,
        /** The invoice is paid, void or written off. */
        INVOICE_NOT_OPEN,
        CURRENCY_MISMATCH,
        /** The transfer is less than the invoice's total: it cannot pay it. */
        AMOUNT_SHORT
    }
}

package io.perennial.subscription;

/** What a plan change did: its numbers, the invoice charged for it (if any) and the state afterwards. */
public record PlanChangeResult(PlanChangeQuote quote, String invoiceId, SubscriptionState state) {
}

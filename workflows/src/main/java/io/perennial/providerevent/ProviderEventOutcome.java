package io.perennial.providerevent;

/**
 * What applying one provider event did.
 *
 * @param effect SETTLED, ALREADY_SETTLED, REFUND_RECORDED, REFUNDS_MATCH, DISPUTE_RECORDED, DISPUTE_KNOWN,
 *               CUSTOMER_ACTION_LOGGED or UNKNOWN_PAYMENT (the event names no payment of ours)
 */
public record ProviderEventOutcome(String eventId, String effect, String detail) {
}

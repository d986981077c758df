package io.perennial.providerevent;

import java.time.Instant;

/**
 * A verified event of the payment provider, reduced to what Perennial acts on. Which fields are set depends on the
 * kind; the payment it concerns is named by our key in the provider's metadata, or else by the provider's id of the
 * charge (the PaymentIntent id we store as the payment's reference).
 *
 * @param eventId         the provider's event id (deduplicated by the API; also the workflow's id)
 * @param paymentKey      {@code perennial_key} from the metadata: our idempotency key of the charge, or null
 * @param providerPayment the provider's id of the charge ({@code pi_…}), or null
 * @param declineCode     a failed payment's decline code, or null
 * @param amountMinor     refunded so far at the provider (charge.refunded), or the disputed amount
 * @param disputeId       the provider's dispute id ({@code dp_…}) of a dispute
 * @param reason          the dispute's reason ({@code fraudulent}, {@code product_not_received}, …); for a closed
 *                        dispute, its status ({@code won}, {@code lost}, {@code warning_closed})
 * @param receivedAt      business time at which the workflow took the event
 */
public record ProviderEvent(String eventId, ProviderEventKind kind, String paymentKey, String providerPayment,
                            String declineCode, long amountMinor, String currency, String disputeId, String reason,
                            Instant receivedAt) {

    public ProviderEvent at(Instant businessTime) {
        return new ProviderEvent(eventId, kind, paymentKey, providerPayment, declineCode, amountMinor, currency,
                disputeId, reason, businessTime);
    }
}

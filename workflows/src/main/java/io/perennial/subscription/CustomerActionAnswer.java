package io.perennial.subscription;

/**
 * The customer answered a charge that waited for them (authenticated it, or refused) at the payment provider: the
 * workflow asks the provider for the outcome under the same key. Sent by the simulated provider's authentication
 * page and by provider webhooks ({@code payment_intent.succeeded} / {@code payment_failed}).
 *
 * @param idempotencyKey the charge's key, {@code {subscriptionId}:{period}:{purpose}}
 */
public record CustomerActionAnswer(String idempotencyKey) {
}

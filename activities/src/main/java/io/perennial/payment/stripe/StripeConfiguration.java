package io.perennial.payment.stripe;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The Stripe adapter's settings ({@code perennial.payments.stripe}), read only when
 * {@code perennial.payments.provider=stripe}.
 *
 * @param apiKey             a secret key ({@code sk_test_…} for test mode); no default, the adapter refuses to start
 *                           without one
 * @param apiBase            Stripe's API, or a stripe-mock such as {@code http://localhost:12111}
 * @param connectTimeout     how long to wait for a connection
 * @param readTimeout        how long to wait for an answer; connect + read stay below the activities' 30 s
 *                           start-to-close timeout, so an attempt fails as a timeout the activity retries rather
 *                           than being cut off by Temporal
 * @param maxNetworkRetries  the library's own retries (same idempotency key) inside one activity attempt; 0 leaves
 *                           retrying to Temporal, whose policy backs off and is visible
 */
@ConfigurationProperties("perennial.payments.stripe")
public record StripeConfiguration(
        @Bindable(defaultValue = "") String apiKey,
        @Bindable(defaultValue = "https://api.stripe.com") String apiBase,
        @Bindable(defaultValue = "5s") Duration connectTimeout,
        @Bindable(defaultValue = "20s") Duration readTimeout,
        @Bindable(defaultValue = "0") int maxNetworkRetries) {
}

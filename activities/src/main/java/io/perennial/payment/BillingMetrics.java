package io.perennial.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * Business counters next to the Temporal SDK's: charges by purpose and outcome (renewals succeeded or declined,
 * dunning recoveries), provider failures, refunds and the money they returned. Each is counted once, when the
 * provider's answer is first stored, however often a retried activity asks again.
 */
@Singleton
public class BillingMetrics {
    private final MeterRegistry registry;

    public BillingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code purpose}: renewal, dunning-N, change-N; {@code outcome}: succeeded or declined. */
    void charged(String purpose, String outcome, String currency, long amountMinor) {
        String kind = purpose.startsWith("dunning-") ? "dunning" : purpose.startsWith("change-") ? "plan_change" : purpose;
        Counter.builder("perennial.charges").description("Charge attempts answered by the payment provider")
                .tag("kind", kind).tag("outcome", outcome).register(registry).increment();
        if ("succeeded".equals(outcome)) {
            Counter.builder("perennial.charged.minor").description("Money charged, in minor units")
                    .tag("currency", currency).register(registry).increment(amountMinor);
            if ("dunning".equals(kind)) {
                Counter.builder("perennial.dunning.recoveries").description("Overdue invoices collected by a retry")
                        .register(registry).increment();
            }
        }
    }

    void providerFailed(String reason) {
        Counter.builder("perennial.gateway.failures").description("Calls the payment provider failed (5xx, timeouts)")
                .tag("reason", reason).register(registry).increment();
    }

    void refunded(String currency, long amountMinor) {
        Counter.builder("perennial.refunds").description("Refunds paid out").register(registry).increment();
        Counter.builder("perennial.refunded.minor").description("Money refunded, in minor units")
                .tag("currency", currency).register(registry).increment(amountMinor);
    }

    /**
     * A dispute opened by the cardholder: the amount leaves recognised revenue, which reads as
     * {@code perennial.charged.minor - perennial.refunded.minor - perennial.disputed.minor} (docs/billing.md).
     */
    public void disputed(String currency, long amountMinor) {
        Counter.builder("perennial.disputes").description("Disputes (chargebacks) opened").register(registry).increment();
        Counter.builder("perennial.disputed.minor").description("Money disputed, in minor units")
                .tag("currency", currency).register(registry).increment(amountMinor);
    }

    /**
     * A dispute decided in the merchant's favour: the amount is back in recognised revenue, which reads as
     * {@code charged - refunded - disputed + perennial.dispute.won.minor}.
     */
    public void disputeWon(String currency, long amountMinor) {
        Counter.builder("perennial.dispute.won.minor").description("Disputed money kept (disputes won), in minor units")
                .tag("currency", currency).register(registry).increment(amountMinor);
    }

    /** A refund made at the provider outside Perennial, recorded from its webhook. */
    public void refundedAtProvider(String currency, long amountMinor) {
        refunded(currency, amountMinor);
    }
}

package io.perennial.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Prometheus: {@code perennial_webhook_attempts_total{outcome}} (delivered, failed, refused),
 * {@code perennial_webhook_attempt_latency_seconds} (the receiver's answer time) and
 * {@code perennial_webhook_endpoints_disabled_total}.
 */
@Singleton
public class WebhookMetrics {

    private final MeterRegistry registry;
    private final Timer latency;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("perennial.webhook.attempt.latency")
                .description("How long webhook receivers took to answer an attempt")
                .publishPercentileHistogram()
                .register(registry);
    }

    void attempted(String outcome, Duration took) {
        Counter.builder("perennial.webhook.attempts").description("Webhook delivery attempts by outcome")
                .tag("outcome", outcome).register(registry).increment();
        if (took != null) {
            latency.record(took);
        }
    }

    void endpointDisabled() {
        Counter.builder("perennial.webhook.endpoints.disabled")
                .description("Webhook endpoints disabled after failing three days straight")
                .register(registry).increment();
    }
}

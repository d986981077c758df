package io.perennial.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param allowLocalUrls  the embedded mode only: {@code http://localhost…} receivers are allowed (demo and tests);
 *                        everywhere else an endpoint is {@code https} to a public address
 * @param relayBatch      events (and hand-overs) the relay takes per pass
 * @param secretOverlap   how long a rotated-out secret still signs, unless the rotation says otherwise
 */
@ConfigurationProperties("perennial.webhooks")
public record WebhookConfiguration(@Bindable(defaultValue = "false") boolean allowLocalUrls,
                                   @Bindable(defaultValue = "200") int relayBatch,
                                   @Bindable(defaultValue = "24h") Duration secretOverlap) {
}

package io.perennial.webhook;

import java.util.List;

/** An endpoint that failed for {@code failingSinceMillis} to now; its {@code undelivered} deliveries are given up. */
public record EndpointDisabling(String endpointId, long failingSinceMillis, List<String> undelivered) {
}

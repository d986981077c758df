package io.perennial.api.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One page of subscriptions; {@code next} is the {@code after} value for the following page, null on the last. */
@Serdeable
public record SubscriptionPage(List<SubscriptionView> items, @Nullable String next) {
}

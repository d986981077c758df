package io.perennial.api.console;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The ops console's settings: where the Temporal Web UI is (its workflow pages are linked from every subscription,
 * order, restock and batch; none with the embedded mode's in-process server, which has no UI) and how long a staff
 * sign-in lasts (shorter than a customer's: staff can do more).
 */
@ConfigurationProperties("perennial.console")
public record ConsoleConfiguration(@Nullable String temporalUiUrl,
                                   @Bindable(defaultValue = "PT8H") Duration sessionLifetime) {
}

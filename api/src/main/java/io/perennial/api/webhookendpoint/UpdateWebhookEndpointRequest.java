package io.perennial.api.webhookendpoint;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** What changes; a field left out stays. Enabling again clears why it was disabled. */
@Serdeable
public record UpdateWebhookEndpointRequest(@Nullable @Size(min = 1, max = 100) List<@NotBlank String> eventTypes,
                                           @Nullable @Size(max = 500) String description,
                                           @Nullable Boolean enabled) {
}

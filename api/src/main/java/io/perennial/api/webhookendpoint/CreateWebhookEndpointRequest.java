package io.perennial.api.webhookendpoint;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A receiver: its URL, the event types it wants ({@code ["*"]} for all) and a note for admins. */
@Serdeable
public record CreateWebhookEndpointRequest(@NotBlank @Size(max = 2000) String url,
                                           @NotEmpty @Size(max = 100) List<@NotBlank String> eventTypes,
                                           @Nullable @Size(max = 500) String description) {
}

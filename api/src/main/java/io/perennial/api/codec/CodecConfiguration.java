package io.perennial.api.codec;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The Temporal UI origins that may call the codec endpoint are the CORS configuration {@code temporal-ui}
 * ({@code TEMPORAL_UI_ORIGINS}).
 *
 * @param secureCookie whether the codec session cookie is {@code Secure}; browsers accept Secure cookies from
 *                     {@code http://localhost}, so only a plain-HTTP deployment on another host turns this off
 */
@ConfigurationProperties("perennial.codec.session")
public record CodecConfiguration(@Bindable(defaultValue = "true") boolean secureCookie) {
}

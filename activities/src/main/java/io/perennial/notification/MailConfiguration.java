package io.perennial.notification;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** @param from the sender address of customer notifications */
@ConfigurationProperties("perennial.mail")
public record MailConfiguration(@Bindable(defaultValue = "no-reply@perennial.localhost") String from) {
}

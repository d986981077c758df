package io.perennial.notification;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The SMTP server notifications go through. Without a host, mails are only logged (the embedded mode).
 *
 * @param username blank when the server needs no login
 * @param startTls upgrade the connection with STARTTLS when the server offers it
 * @param timeout  for connecting, reading and writing each
 */
@ConfigurationProperties("perennial.mail.smtp")
public record SmtpConfiguration(@Nullable String host,
                                @Bindable(defaultValue = "587") int port,
                                @Nullable String username,
                                @Nullable String password,
                                @Bindable(defaultValue = "true") boolean startTls,
                                @Bindable(defaultValue = "10s") Duration timeout) {

    public boolean authenticates() {
        return username != null && !username.isBlank();
    }
}

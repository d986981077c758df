package io.perennial.notification;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.customer.Customer;
import io.perennial.customer.CustomerRepository;
import io.perennial.testsupport.TestDatabase;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notifications through SMTP, received by a GreenMail server in the test JVM. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailedNotificationsTest implements TestPropertyProvider {

    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static GreenMailExtension smtpServer = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    @Inject
    NotificationActivitiesImpl activities;
    @Inject
    NotificationRepository notifications;
    @Inject
    CustomerRepository customers;
    @Inject
    MailSender sender;

    private Customer customer;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("perennial.mail.from", "billing@perennial.test");
        properties.put("perennial.mail.smtp.host", "127.0.0.1");
        properties.put("perennial.mail.smtp.port", String.valueOf(SMTP_PORT));
        properties.put("perennial.mail.smtp.start-tls", "false");
        properties.put("perennial.mail.smtp.timeout", "2s");
        return properties;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void newCustomer() {
        UUID id = UUID.randomUUID();
        customer = customers.save(new Customer(id, "ada-" + id + "@example.com", "Ada", Instant.now()));
    }

    private CustomerNotification paymentFailed(String key) {
        return new CustomerNotification(key, customer.id().toString(), "payment_failed",
                Map.of("period", "2", "amountMinor", "1299", "currency", "EUR", "attempt", "renewal"),
                Instant.parse("2027-02-14T09:00:00Z"));
    }

    @Test
    void aNotificationIsMailedOnceEvenWhenNotifiedTwice() throws Exception {
        String key = customer.id() + ":2:renewal:declined";

        activities.notifyCustomer(paymentFailed(key));
        activities.notifyCustomer(paymentFailed(key));

        assertThat(sender).isInstanceOf(SmtpMailSender.class);
        MimeMessage[] received = smtpServer.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(customer.email());
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("billing@perennial.test");
        assertThat(received[0].getSubject()).isEqualTo("We could not collect your payment");
        assertThat(received[0].getHeader("X-Perennial-Notification")).containsExactly(key);
        assertThat(((String) received[0].getContent())).contains("12.99 EUR");
        NotificationRecord row = notifications.findByNotificationKey(key).orElseThrow();
        assertThat(row.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.sentAt()).isNotNull();
    }

    @Test
    void aFailedDeliveryIsRetryableAndRecordedUntilTheMailGoesOut() {
        String key = customer.id() + ":3:renewal:declined";
        smtpServer.stop();
        try {
            assertThatThrownBy(() -> activities.notifyCustomer(paymentFailed(key)))
                    .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                        assertThat(failure.getType()).isEqualTo(NotificationActivitiesImpl.MAIL_DELIVERY_FAILED);
                        assertThat(failure.isNonRetryable()).isFalse();
                    });
            NotificationRecord failed = notifications.findByNotificationKey(key).orElseThrow();
            assertThat(failed.status()).isEqualTo(NotificationStatus.FAILED);
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.lastError()).contains("127.0.0.1:" + SMTP_PORT);
        } finally {
            smtpServer.start();
        }

        activities.notifyCustomer(paymentFailed(key));

        NotificationRecord sent = notifications.findByNotificationKey(key).orElseThrow();
        assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.lastError()).isNull();
        assertThat(smtpServer.getReceivedMessages()).hasSize(1);
    }
}

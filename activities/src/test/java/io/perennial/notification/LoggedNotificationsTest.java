package io.perennial.notification;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.customer.Customer;
import io.perennial.customer.CustomerRepository;
import io.perennial.testsupport.TestDatabase;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded mode: no SMTP server configured, so mails are logged and the outbox keeps them. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoggedNotificationsTest implements TestPropertyProvider {

    @Inject
    NotificationActivitiesImpl activities;
    @Inject
    NotificationRepository notifications;
    @Inject
    CustomerRepository customers;
    @Inject
    MailSender sender;
    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    @Test
    void withoutAnSmtpServerTheMessageIsLoggedAndKeptAsSent() throws Exception {
        UUID id = UUID.randomUUID();
        Customer customer = customers.save(new Customer(id, "grace-" + id + "@example.com", "Grace", Instant.now()));
        String key = id + ":recovered";

        activities.notifyCustomer(new CustomerNotification(key, id.toString(), "payment_recovered",
                Map.of("period", "4", "amountMinor", "12900", "currency", "EUR"), Instant.parse("2027-05-01T00:00:00Z")));

        assertThat(sender).isInstanceOf(LoggingMailSender.class);
        NotificationRecord row = notifications.findByNotificationKey(key).orElseThrow();
        assertThat(row.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(row.recipient()).isEqualTo(customer.email());
        assertThat(row.subject()).isEqualTo("Payment received, thank you");
        assertThat(row.body()).contains("129.00 EUR for billing period 4");
        assertThat(row.businessTime()).isEqualTo(Instant.parse("2027-05-01T00:00:00Z"));
        assertThat(json.readValue(row.data(), Argument.mapOf(String.class, String.class)))
                .containsEntry("amountMinor", "12900").containsEntry("currency", "EUR");
    }

    @Test
    void aNotificationForAnUnknownCustomerFailsForGood() {
        String nobody = UUID.randomUUID().toString();

        assertThatThrownBy(() -> activities.notifyCustomer(new CustomerNotification(nobody + ":canceled", nobody,
                "subscription_canceled", Map.of(), Instant.now())))
                .isInstanceOfSatisfying(ApplicationFailure.class,
                        failure -> assertThat(failure.isNonRetryable()).isTrue());
    }

}

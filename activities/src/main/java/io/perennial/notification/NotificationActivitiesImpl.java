package io.perennial.notification;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.perennial.customer.Customer;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.customer.CustomerRepository;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.util.Map;
import java.util.UUID;

/**
 * Renders a notification into the outbox once per key (to the customer's e-mail address at that moment), then
 * delivers it unless it was delivered before. A delivery failure is a retryable failure: Temporal tries again,
 * and the row counts the attempts and keeps the last error.
 */
@Singleton
public class NotificationActivitiesImpl implements NotificationActivities {

    /** Retryable: the mail server refused the message or could not be reached. */
    public static final String MAIL_DELIVERY_FAILED = "MailDeliveryFailed";
    /** Non-retryable: the notification names a customer that does not exist. */
    public static final String CUSTOMER_NOT_FOUND = "CustomerNotFound";

    private final NotificationRepository notifications;
    private final CustomerRepository customers;
    private final NotificationOutbox outbox;
    private final JsonMapper json;
    private final TrialEndingEvents trialEnding;
    private final TransactionOperations<Connection> transactions;

    public NotificationActivitiesImpl(NotificationRepository notifications, CustomerRepository customers,
                                      NotificationOutbox outbox, JsonMapper json, TrialEndingEvents trialEnding,
                                      TransactionOperations<Connection> transactions) {
        this.notifications = notifications;
        this.customers = customers;
        this.outbox = outbox;
        this.json = json;
        this.trialEnding = trialEnding;
        this.transactions = transactions;
    }

    @Override
    public void notifyCustomer(CustomerNotification notification) {
        if (notifications.findByNotificationKey(notification.notificationKey()).isEmpty()) {
            // The trial-ending reminder is also customer.subscription.trial_will_end, written with it.
            transactions.executeWrite(status -> {
                enqueue(notification);
                trialEnding.reminded(notification);
                return null;
            });
        }
        NotificationRecord delivered = outbox.deliver(notification.notificationKey()).orElseThrow();
        if (delivered.status() != NotificationStatus.SENT) {
            throw ApplicationFailure.newFailure("Notification " + notification.notificationKey() + " not delivered"
                    + " (attempt " + delivered.attempts() + "): " + delivered.lastError(), MAIL_DELIVERY_FAILED);
        }
    }

    private void enqueue(CustomerNotification notification) {
        UUID customerId = UUID.fromString(notification.customerId());
        Customer customer = customers.findById(customerId).orElseThrow(() -> ApplicationFailure
                .newNonRetryableFailure("No customer " + customerId, CUSTOMER_NOT_FOUND));
        RenderedNotification rendered = NotificationTemplates.render(notification.template(), notification.data(),
                customer.name());
        notifications.insertOnce(UUID.randomUUID(), notification.notificationKey(), customerId,
                notification.template(), toJson(notification.data()), customer.email(), rendered.subject(),
                rendered.body(), notification.businessTime());
    }

    private String toJson(Map<String, String> data) {
        try {
            return json.writeValueAsString(Argument.mapOf(String.class, String.class), data);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the notification's data as JSON", e);
        }
    }
}

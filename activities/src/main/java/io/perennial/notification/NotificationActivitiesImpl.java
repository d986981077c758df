package io.perennial.notification;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.perennial.billing.InvoiceRepository;
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
    private final InvoiceRepository invoices;
    private final String publicUrl;

    /** @param publicUrl the portal's public address for links in mails (empty: links relative to it) */
    public NotificationActivitiesImpl(NotificationRepository notifications, CustomerRepository customers,
                                      NotificationOutbox outbox, JsonMapper json, TrialEndingEvents trialEnding,
                                      TransactionOperations<Connection> transactions, InvoiceRepository invoices,
                                      @Value("${perennial.public-url:}") String publicUrl) {
        this.invoices = invoices;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
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
        Map<String, String> data = withLinks(notification);
        RenderedNotification rendered = NotificationTemplates.render(notification.template(), data,
                customer.name());
        notifications.insertOnce(UUID.randomUUID(), notification.notificationKey(), customerId,
                notification.template(), toJson(data), customer.email(), rendered.subject(),
                rendered.body(), notification.businessTime());
    }

    /**
     * A sent invoice's mail links to its page in the portal, where it is paid by Alipay or WeChat Pay: added here
     * rather than by the workflow, whose recorded notices stay as they were.
     */
    private Map<String, String> withLinks(CustomerNotification notification) {
        if (!"invoice_sent".equals(notification.template()) || !notification.data().containsKey("invoiceNumber")) {
            return notification.data();
        }
        return invoices.findByNumber(notification.data().get("invoiceNumber")).map(invoice -> {
            Map<String, String> data = new java.util.LinkedHashMap<>(notification.data());
            data.put("payUrl", publicUrl + "/portal/invoices/" + invoice.id());
            return (Map<String, String>) data;
        }).orElse(notification.data());
    }

    private String toJson(Map<String, String> data) {
        try {
            return json.writeValueAsString(Argument.mapOf(String.class, String.class), data);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the notification's data as JSON", e);
        }
    }
}

package io.perennial.notification;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface NotificationRepository extends CrudRepository<NotificationRecord, UUID> {

    /** Puts a rendered message in the outbox unless its key is there already. */
    @Query("""
            INSERT INTO notifications (id, notification_key, customer_id, template, data, recipient, subject, body,
                business_time)
            VALUES (:id, :notificationKey, :customerId, :template, CAST(:data AS jsonb), :recipient, :subject, :body,
                :businessTime)
            ON CONFLICT (notification_key) DO NOTHING
            """)
    void insertOnce(UUID id, String notificationKey, UUID customerId, String template, String data, String recipient,
                    String subject, String body, Instant businessTime);

    Optional<NotificationRecord> findByNotificationKey(String notificationKey);

    /** Reads the row and holds it until the transaction ends, so one message is delivered by one caller at a time. */
    @Query("SELECT * FROM notifications WHERE notification_key = :notificationKey FOR UPDATE")
    Optional<NotificationRecord> lockByNotificationKey(String notificationKey);

    @Query("""
            UPDATE notifications SET status = 'SENT', attempts = attempts + 1, last_error = NULL, sent_at = now()
            WHERE id = :id
            """)
    void markSent(UUID id);

    @Query("UPDATE notifications SET status = 'FAILED', attempts = attempts + 1, last_error = :error WHERE id = :id")
    void recordFailure(UUID id, String error);

    /** A customer's messages, newest first. */
    List<NotificationRecord> findByCustomerIdOrderByCreatedAtDesc(UUID customerId);
}

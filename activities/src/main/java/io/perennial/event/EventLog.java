package io.perennial.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes events into the {@code events} outbox, inside the caller's transaction: the event commits with the state
 * change that caused it or not at all. The id derives from business identity (type, resource, business key such
 * as a revision, period or attempt), so a retried activity finds its event and writes nothing.
 */
@Singleton
public class EventLog {

    private final EventRepository events;
    private final JsonMapper json;

    public EventLog(EventRepository events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    /**
     * Records one event unless an event of the same identity exists. {@code created} is business time (the
     * workflow's clock, which a test clock moves), {@code object} the resource as the API shows it.
     */
    public void record(EventType type, String resourceId, String businessKey, Instant created,
                       Map<String, Object> object, @Nullable Map<String, Object> previousAttributes) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("object", object);
        if (previousAttributes != null && !previousAttributes.isEmpty()) {
            data.put("previousAttributes", previousAttributes);
        }
        events.insertOnce(eventId(type, resourceId, businessKey), type.wireName(), created, type.resourceType(),
                resourceId, toJson(data));
    }

    public void record(EventType type, String resourceId, String businessKey, Instant created,
                       Map<String, Object> object) {
        record(type, resourceId, businessKey, created, object, null);
    }

    /** {@code evt_} and 128 bits of SHA-256 over the business identity: stable across retries and resets. */
    public static String eventId(EventType type, String resourceId, String businessKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    (type.wireName() + "\n" + resourceId + "\n" + businessKey).getBytes(StandardCharsets.UTF_8));
            return "evt_" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private String toJson(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write an event's data as JSON", e);
        }
    }
}

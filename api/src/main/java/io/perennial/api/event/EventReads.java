package io.perennial.api.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.perennial.api.problem.ApiProblems;
import io.perennial.event.EventRepository;
import io.perennial.event.EventRepository.EventRow;
import io.perennial.event.EventType;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the event log for the API: one event, or a filtered page newest first. */
@Singleton
public class EventReads {

    private final EventRepository events;
    private final JsonMapper json;

    public EventReads(EventRepository events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    public Optional<EventView> find(String id) {
        return events.find(id).map(this::view);
    }

    /** An unknown type or an empty window is a 400; an {@code after} that names no event is a 404. */
    public EventView.Page page(@Nullable String type, @Nullable String resourceId, @Nullable Instant createdSince,
                               @Nullable Instant createdUntil, int limit, @Nullable String after) {
        if (type != null && EventType.ofWireName(type).isEmpty()) {
            throw ApiProblems.invalidField("type", "'" + type + "' is not an event type (see docs/api.md)");
        }
        if (createdSince != null && createdUntil != null && !createdSince.isBefore(createdUntil)) {
            throw ApiProblems.invalidField("createdUntil", "createdUntil must be after createdSince");
        }
        Long afterSeq = after == null ? null : events.find(after).map(EventRow::seq)
                .orElseThrow(() -> ApiProblems.notFound("Event", after));
        List<EventRow> rows = events.findPage(type, resourceId, createdSince, createdUntil, afterSeq, limit + 1);
        List<EventView> items = rows.stream().limit(limit).map(this::view).toList();
        return new EventView.Page(items, rows.size() > limit ? items.get(items.size() - 1).id() : null);
    }

    private EventView view(EventRow row) {
        try {
            return new EventView(row.id(), row.type(), row.created(), json.readValue(row.data(), EventView.Data.class));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable data of event " + row.id(), e);
        }
    }
}

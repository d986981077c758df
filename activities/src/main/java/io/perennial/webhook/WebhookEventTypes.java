package io.perennial.webhook;

import io.perennial.event.EventType;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The event types an endpoint may subscribe to: the event log's catalogue ({@link EventType}), or {@value #ALL}. */
public final class WebhookEventTypes {

    public static final String ALL = "*";

    public static final Set<String> CATALOGUE = Arrays.stream(EventType.values()).map(EventType::wireName)
            .collect(Collectors.toCollection(TreeSet::new));

    private WebhookEventTypes() {
    }

    /** The first type that is neither in the catalogue nor {@value #ALL}, if any. */
    public static Optional<String> firstUnknown(List<String> types) {
        return types.stream().filter(type -> !ALL.equals(type) && !CATALOGUE.contains(type)).findFirst();
    }
}

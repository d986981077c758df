package io.perennial.order;

import io.perennial.shipping.CarrierEvent;
import io.perennial.shipping.CarrierEventType;
import io.perennial.shipping.ReceivedCarrierEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the carrier said about one shipment. Carriers deliver events at least once and in any order, so an event
 * id seen before is only counted, and an event behind the furthest step reached (IN_TRANSIT after
 * OUT_FOR_DELIVERY or DELIVERED) is kept but moves nothing: the status never goes backwards. An exception is
 * applied whenever it comes; the next step at or beyond the furthest one ends it.
 */
final class ShipmentTracking {

    private final Map<String, ReceivedCarrierEvent> received = new LinkedHashMap<>();
    private int duplicates;
    /** The furthest {@link CarrierEventType#progress()} applied. */
    private int progress;

    /** The status the event moves the order to, or null when it moves nothing (a duplicate, a stale step). */
    OrderStatus apply(CarrierEvent event, Instant receivedAt, OrderStatus current) {
        if (received.containsKey(event.eventId())) {
            duplicates++;
            return null;
        }
        OrderStatus next = next(event.type(), current);
        received.put(event.eventId(), new ReceivedCarrierEvent(event.eventId(), event.type(), event.occurredAt(),
                receivedAt, next == null ? ReceivedCarrierEvent.Effect.OUT_OF_ORDER
                : ReceivedCarrierEvent.Effect.APPLIED, event.detail()));
        if (next != null) {
            progress = Math.max(progress, event.type().progress());
        }
        return next;
    }

    private OrderStatus next(CarrierEventType type, OrderStatus current) {
        if (current == OrderStatus.DELIVERED || progress == CarrierEventType.DELIVERED.progress()) {
            return null;
        }
        if (type == CarrierEventType.EXCEPTION) {
            return OrderStatus.SHIPMENT_EXCEPTION;
        }
        boolean resumes = current == OrderStatus.SHIPMENT_EXCEPTION && type.progress() == progress;
        if (type.progress() > progress || resumes) {
            return OrderStatus.valueOf(type.name());
        }
        return null;
    }

    boolean pickedUp() {
        return progress >= CarrierEventType.PICKED_UP.progress();
    }

    List<ReceivedCarrierEvent> events() {
        return new ArrayList<>(received.values());
    }

    int duplicates() {
        return duplicates;
    }
}

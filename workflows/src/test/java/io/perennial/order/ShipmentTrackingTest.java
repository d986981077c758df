package io.perennial.order;

import io.perennial.shipping.CarrierEvent;
import io.perennial.shipping.CarrierEventType;
import io.perennial.shipping.ReceivedCarrierEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ShipmentTrackingTest {

    private static final Instant NOW = Instant.parse("2027-03-02T12:00:00Z");
    private final ShipmentTracking tracking = new ShipmentTracking();

    private static CarrierEvent event(String id, CarrierEventType type) {
        return new CarrierEvent(id, "SP1", type, NOW, null);
    }

    @Test
    void anInTransitEventAfterDeliveryIsRecordedButChangesNothing() {
        assertThat(tracking.apply(event("e1", CarrierEventType.DELIVERED), NOW, OrderStatus.SHIPMENT_BOOKED))
                .isEqualTo(OrderStatus.DELIVERED);

        assertThat(tracking.apply(event("e0", CarrierEventType.IN_TRANSIT), NOW, OrderStatus.DELIVERED)).isNull();
        assertThat(tracking.apply(event("e2", CarrierEventType.EXCEPTION), NOW, OrderStatus.DELIVERED)).isNull();

        assertThat(tracking.events()).extracting(ReceivedCarrierEvent::effect).containsExactly(
                ReceivedCarrierEvent.Effect.APPLIED, ReceivedCarrierEvent.Effect.OUT_OF_ORDER,
                ReceivedCarrierEvent.Effect.OUT_OF_ORDER);
    }

    @Test
    void anExceptionIsEndedByTheStepItInterruptedOrAnyLaterOne() {
        tracking.apply(event("e1", CarrierEventType.PICKED_UP), NOW, OrderStatus.SHIPMENT_BOOKED);
        tracking.apply(event("e2", CarrierEventType.IN_TRANSIT), NOW, OrderStatus.PICKED_UP);
        assertThat(tracking.apply(event("e3", CarrierEventType.EXCEPTION), NOW, OrderStatus.IN_TRANSIT))
                .isEqualTo(OrderStatus.SHIPMENT_EXCEPTION);

        assertThat(tracking.apply(event("e4", CarrierEventType.PICKED_UP), NOW, OrderStatus.SHIPMENT_EXCEPTION))
                .as("an earlier step does not end it").isNull();
        assertThat(tracking.apply(event("e5", CarrierEventType.IN_TRANSIT), NOW, OrderStatus.SHIPMENT_EXCEPTION))
                .isEqualTo(OrderStatus.IN_TRANSIT);
        assertThat(tracking.pickedUp()).isTrue();
    }

    @Test
    void theSameEventTwiceIsCountedOnce() {
        tracking.apply(event("e1", CarrierEventType.PICKED_UP), NOW, OrderStatus.SHIPMENT_BOOKED);

        assertThat(tracking.apply(event("e1", CarrierEventType.PICKED_UP), NOW, OrderStatus.PICKED_UP)).isNull();

        assertThat(tracking.events()).hasSize(1);
        assertThat(tracking.duplicates()).isEqualTo(1);
    }
}

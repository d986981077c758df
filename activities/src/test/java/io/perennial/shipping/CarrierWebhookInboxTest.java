package io.perennial.shipping;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.testsupport.Concurrently;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook inbox: deliveries are counted, and exactly one of concurrent deliveries claims an event. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CarrierWebhookInboxTest implements TestPropertyProvider {

    @Inject
    CarrierWebhookInbox inbox;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    private CarrierWebhookEvent event() {
        return new CarrierWebhookEvent("evt_" + UUID.randomUUID(), null, "SP" + UUID.randomUUID(),
                CarrierEventType.PICKED_UP, Instant.parse("2026-01-05T10:00:00Z"), null);
    }

    @Test
    void exactlyOneOfTenConcurrentDeliveriesClaimsTheEventAndTheOthersSeeItInFlight() throws Exception {
        CarrierWebhookEvent event = event();
        for (int i = 0; i < 10; i++) {
            inbox.record(event, "order-1");
        }
        assertThat(inbox.deliveries(event.eventId())).isEqualTo(10);

        List<Concurrently.Outcome<CarrierWebhookInbox.Claim>> claims =
                Concurrently.run(10, i -> inbox.claim(event.eventId()));
        assertThat(claims).allMatch(Concurrently.Outcome::succeeded);
        assertThat(claims).filteredOn(c -> c.value() == CarrierWebhookInbox.Claim.CLAIMED).hasSize(1);
        assertThat(claims).filteredOn(c -> c.value() == CarrierWebhookInbox.Claim.IN_FLIGHT).hasSize(9);
    }

    @Test
    void aReleasedClaimCanBeTakenAgainAndASignalledEventIsNeverClaimedAgain() {
        CarrierWebhookEvent event = event();
        inbox.record(event, "order-2");
        assertThat(inbox.claim(event.eventId())).isEqualTo(CarrierWebhookInbox.Claim.CLAIMED);
        assertThat(inbox.claim(event.eventId())).isEqualTo(CarrierWebhookInbox.Claim.IN_FLIGHT);

        inbox.release(event.eventId());
        assertThat(inbox.claim(event.eventId())).isEqualTo(CarrierWebhookInbox.Claim.CLAIMED);

        inbox.signalled(event.eventId());
        assertThat(inbox.claim(event.eventId())).isEqualTo(CarrierWebhookInbox.Claim.SIGNALLED);
        inbox.release(event.eventId());
        assertThat(inbox.claim(event.eventId())).isEqualTo(CarrierWebhookInbox.Claim.SIGNALLED);
    }

    @Test
    void anEventNeverDeliveredHasNoDeliveriesAndCannotBeClaimed() {
        String unknown = "evt_" + UUID.randomUUID();
        assertThat(inbox.deliveries(unknown)).isZero();
        assertThat(inbox.claim(unknown)).isEqualTo(CarrierWebhookInbox.Claim.IN_FLIGHT);
    }
}

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
class CarrierWebhookEventRepositoryTest implements TestPropertyProvider {

    @Inject
    CarrierWebhookEventRepository events;
    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;

    /** What the API's CarrierWebhookInbox does with the repository, each call in its own transaction. */
    private final Inbox inbox = new Inbox();

    private final class Inbox {
        void record(CarrierWebhookEvent event, String orderId) {
            transactions.executeWrite(status -> {
                events.recordDelivery(event.eventId(), event.trackingNumber(), orderId, event.type().name(),
                        event.occurredAt());
                return null;
            });
        }

        String claim(String eventId) {
            return transactions.executeWrite(status -> events.claim(eventId));
        }

        void release(String eventId) {
            transactions.executeWrite(status -> events.release(eventId));
        }

        void signalled(String eventId) {
            transactions.executeWrite(status -> events.markSignalled(eventId));
        }

        int deliveries(String eventId) {
            return transactions.executeRead(status -> events.findDeliveries(eventId).orElse(0));
        }
    }

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

        List<Concurrently.Outcome<String>> claims =
                Concurrently.run(10, i -> inbox.claim(event.eventId()));
        assertThat(claims).allMatch(Concurrently.Outcome::succeeded);
        assertThat(claims).filteredOn(c -> "CLAIMED".equals(c.value())).hasSize(1);
        assertThat(claims).filteredOn(c -> "IN_FLIGHT".equals(c.value())).hasSize(9);
    }

    @Test
    void aReleasedClaimCanBeTakenAgainAndASignalledEventIsNeverClaimedAgain() {
        CarrierWebhookEvent event = event();
        inbox.record(event, "order-2");
        assertThat(inbox.claim(event.eventId())).isEqualTo("CLAIMED");
        assertThat(inbox.claim(event.eventId())).isEqualTo("IN_FLIGHT");

        inbox.release(event.eventId());
        assertThat(inbox.claim(event.eventId())).isEqualTo("CLAIMED");

        inbox.signalled(event.eventId());
        assertThat(inbox.claim(event.eventId())).isEqualTo("SIGNALLED");
        inbox.release(event.eventId());
        assertThat(inbox.claim(event.eventId())).isEqualTo("SIGNALLED");
    }

    @Test
    void anEventNeverDeliveredHasNoDeliveriesAndCannotBeClaimed() {
        String unknown = "evt_" + UUID.randomUUID();
        assertThat(inbox.deliveries(unknown)).isZero();
        assertThat(inbox.claim(unknown)).isEqualTo("IN_FLIGHT");
    }
}

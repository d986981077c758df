package io.perennial.fulfilment;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoxActivitiesImplTest implements TestPropertyProvider {

    static final Instant PAID = Instant.parse("2027-03-01T09:00:00Z");

    @Inject
    BoxActivitiesImpl activities;
    @Inject
    SubscriptionBoxRepository boxes;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    @Test
    void aPeriodsBoxIsRecordedOnceHoweverOftenTheActivityRuns() {
        String subscriptionId = UUID.randomUUID().toString();
        BoxDue due = new BoxDue(subscriptionId, UUID.randomUUID().toString(), 2, "plan_coffee", 1,
                List.of(new BoxItem("COFFEE-250G", 2), new BoxItem("MUG", 1)), Instant.parse("2027-02-28T09:00:00Z"),
                Instant.parse("2027-03-31T09:00:00Z"), PAID);

        activities.recordBoxDue(due);
        activities.recordBoxDue(due);
        activities.recordBoxDue(new BoxDue(subscriptionId, due.customerId(), 3, "plan_coffee", 2,
                List.of(new BoxItem("TEA-100G", 1)), due.periodEnd(), Instant.parse("2027-04-30T09:00:00Z"),
                due.periodEnd()));

        List<SubscriptionBox> recorded = boxes.findBySubscription(UUID.fromString(subscriptionId));
        assertThat(recorded).extracting(SubscriptionBox::period, SubscriptionBox::planVersion, SubscriptionBox::status,
                SubscriptionBox::dueAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, 1, "DUE", PAID),
                org.assertj.core.groups.Tuple.tuple(3, 2, "DUE", due.periodEnd()));
        assertThat(recorded.get(0).items()).contains("\"sku\": \"COFFEE-250G\"").contains("\"quantity\": 2");
    }
}

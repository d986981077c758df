package io.perennial.fulfilment;

import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/** Records a paid period's box as due, once per subscription and period (the table's key). */
@Singleton
public class BoxActivitiesImpl implements BoxActivities {
    private static final Logger log = LoggerFactory.getLogger(BoxActivitiesImpl.class);

    @Serdeable
    record Line(String sku, int quantity) {
    }

    private final SubscriptionBoxRepository boxes;
    private final ObjectMapper json;

    public BoxActivitiesImpl(SubscriptionBoxRepository boxes, ObjectMapper json) {
        this.boxes = boxes;
        this.json = json;
    }

    @Override
    public void recordBoxDue(BoxDue box) {
        List<Line> lines = box.items().stream().map(item -> new Line(item.sku(), item.quantity())).toList();
        String items;
        try {
            items = json.writeValueAsString(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int added = boxes.insertDue(UUID.fromString(box.subscriptionId()), box.period(),
                UUID.fromString(box.customerId()), box.planId(), box.planVersion(), items, box.periodStart(),
                box.periodEnd(), box.dueAt());
        if (added == 1) {
            log.info("Box due for subscription {} period {}: {}", box.subscriptionId(), box.period(), items);
        }
    }
}

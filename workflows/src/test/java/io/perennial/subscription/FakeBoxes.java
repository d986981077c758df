package io.perennial.subscription;

import io.perennial.fulfilment.BoxActivities;
import io.perennial.fulfilment.BoxDue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Boxes recorded as due, keyed like the real table: one per subscription and period. */
final class FakeBoxes implements BoxActivities {
    private final Map<String, BoxDue> due = new LinkedHashMap<>();
    private int calls;

    @Override
    public synchronized void recordBoxDue(BoxDue box) {
        calls++;
        due.putIfAbsent(box.subscriptionId() + ":" + box.period(), box);
    }

    synchronized List<BoxDue> due() {
        return new ArrayList<>(due.values());
    }

    synchronized int calls() {
        return calls;
    }
}

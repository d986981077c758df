package io.perennial.order;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The orders read model for workflow tests: every write, and the newest per order. */
public final class FakeOrderRecords implements OrderRecordActivities {
    private final Map<String, OrderState> latest = new ConcurrentHashMap<>();
    private final List<OrderState> writes = new CopyOnWriteArrayList<>();

    @Override
    public void recordOrder(OrderState state) {
        writes.add(state);
        latest.merge(state.orderId(), state, (old, fresh) -> fresh.revision() > old.revision() ? fresh : old);
    }

    public OrderState latest(String orderId) {
        return latest.get(orderId);
    }

    public List<OrderStatus> statusesWritten(String orderId) {
        return writes.stream().filter(state -> state.orderId().equals(orderId)).map(OrderState::status).distinct()
                .toList();
    }
}

package io.perennial.order;

import io.temporal.failure.ApplicationFailure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/** The orders read model for workflow tests: every write, and the newest per order. */
public final class FakeOrderRecords implements OrderRecordActivities {
    private final Map<String, OrderState> latest = new ConcurrentHashMap<>();
    private final List<OrderState> writes = new CopyOnWriteArrayList<>();
    private volatile OrderStatus refusedStatus;

    /** From now on a record with this status is refused for good, as PostgreSQL refuses data it cannot hold. */
    public FakeOrderRecords refuse(OrderStatus status) {
        refusedStatus = status;
        return this;
    }

    private volatile Predicate<OrderState> trigger = state -> false;
    private volatile Runnable action = () -> { };
    private final AtomicBoolean fired = new AtomicBoolean();

    /** Once, when a written state matches, runs {@code then} on another thread during the write (a racing client). */
    public void onRecord(Predicate<OrderState> when, Runnable then) {
        this.trigger = when;
        this.action = then;
    }

    @Override
    public void recordOrder(OrderState state) {
        if (state.status() == refusedStatus) {
            throw ApplicationFailure.newNonRetryableFailure("the orders read model refused the record of order "
                    + state.orderId() + " (SQLState 22P02)", OrderFailures.RECORD_REFUSED);
        }
        writes.add(state);
        latest.merge(state.orderId(), state, (old, fresh) -> fresh.revision() > old.revision() ? fresh : old);
        if (trigger.test(state) && fired.compareAndSet(false, true)) {
            Thread racer = new Thread(action, "racing-client");
            racer.start();
            try {
                racer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public OrderState latest(String orderId) {
        return latest.get(orderId);
    }

    /** The newest state of every order written so far. */
    public List<OrderState> orders() {
        return List.copyOf(latest.values());
    }

    public List<OrderStatus> statusesWritten(String orderId) {
        return writes.stream().filter(state -> state.orderId().equals(orderId)).map(OrderState::status).distinct()
                .toList();
    }
}

package io.perennial.order;

import io.perennial.inventory.InventoryActivities;
import io.perennial.inventory.Shortage;
import io.perennial.inventory.StockHold;
import io.perennial.inventory.StockLine;
import io.perennial.inventory.StockReservation;
import io.perennial.restock.Backorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Stock for workflow tests: all-or-nothing reservations, idempotent by id, like the real inventory. */
public final class FakeInventory implements InventoryActivities {
    private final Map<String, Integer> free = new TreeMap<>();
    private final Map<String, StockReservation.Status> reservations = new TreeMap<>();
    private final List<String> released = new ArrayList<>();
    private final List<String> shipped = new ArrayList<>();
    private final List<Backorder> backorders = new ArrayList<>();
    private int reserveCalls;

    public synchronized FakeInventory stock(String sku, int quantity) {
        free.merge(sku, quantity, Integer::sum);
        return this;
    }

    @Override
    public synchronized StockReservation reserveStock(StockHold hold) {
        reserveCalls++;
        StockReservation.Status earlier = reservations.get(hold.reservationId());
        if (earlier != null) {
            return new StockReservation(hold.reservationId(), earlier, hold.lines(), List.of(), List.of());
        }
        List<Shortage> shortages = new ArrayList<>();
        for (StockLine line : hold.lines()) {
            int available = free.getOrDefault(line.sku(), 0);
            if (available < line.quantity()) {
                shortages.add(new Shortage(line.sku(), line.quantity(), available));
            }
        }
        if (!shortages.isEmpty()) {
            return new StockReservation(hold.reservationId(), StockReservation.Status.OUT_OF_STOCK, hold.lines(),
                    shortages, shortages.stream().map(Shortage::sku).toList());
        }
        hold.lines().forEach(line -> free.merge(line.sku(), -line.quantity(), Integer::sum));
        reservations.put(hold.reservationId(), StockReservation.Status.HELD);
        return new StockReservation(hold.reservationId(), StockReservation.Status.HELD, hold.lines(), List.of(),
                List.of());
    }

    @Override
    public synchronized void releaseStock(StockHold hold) {
        released.add(hold.reservationId());
        if (reservations.get(hold.reservationId()) == StockReservation.Status.HELD) {
            hold.lines().forEach(line -> free.merge(line.sku(), line.quantity(), Integer::sum));
            reservations.put(hold.reservationId(), StockReservation.Status.RELEASED);
        }
    }

    @Override
    public synchronized void shipStock(StockHold hold) {
        shipped.add(hold.reservationId());
        if (reservations.get(hold.reservationId()) == StockReservation.Status.HELD) {
            reservations.put(hold.reservationId(), StockReservation.Status.SHIPPED);
        }
    }

    @Override
    public synchronized void registerBackorder(Backorder backorder) {
        backorders.add(backorder);
    }

    synchronized List<Backorder> backorders() {
        return List.copyOf(backorders);
    }

    /** HELD, RELEASED, SHIPPED, or null when nothing was ever held. */
    public synchronized StockReservation.Status reservation(String orderId) {
        return reservations.get("order-" + orderId);
    }

    synchronized int free(String sku) {
        return free.getOrDefault(sku, 0);
    }

    synchronized List<String> shipped() {
        return List.copyOf(shipped);
    }

    synchronized List<String> released() {
        return List.copyOf(released);
    }

    public synchronized int reserveCalls() {
        return reserveCalls;
    }
}

package io.perennial.shipping;

/** What a carrier reports about a shipment. */
public enum CarrierEventType {
    PICKED_UP(1),
    IN_TRANSIT(2),
    OUT_FOR_DELIVERY(3),
    DELIVERED(4),
    /** A problem (damaged, address not found, held at customs); the parcel may still move on. */
    EXCEPTION(0);

    private final int progress;

    CarrierEventType(int progress) {
        this.progress = progress;
    }

    /** How far along the parcel is; 0 for an exception, which says nothing about progress. */
    public int progress() {
        return progress;
    }
}

package io.perennial.order;

/** Where an order stands; also the {@code OrderStatus} search attribute. */
public enum OrderStatus {
    /** Placed; stock not asked for yet. */
    RECEIVED,
    /** Some SKU lacks stock: waiting for a restock until the backorder deadline. Nothing charged. */
    BACKORDERED,
    STOCK_RESERVED,
    /** The risk check scored it for manual review: stock held, nothing charged, waiting for ops or the deadline. */
    IN_REVIEW,
    /**
     * The charge waits for the customer to authenticate it ({@code nextAction}) until its deadline: stock held,
     * nothing charged yet. Then PAID, or FAILED (refused, or the deadline passed), or CANCELED.
     */
    AWAITING_PAYMENT,
    PAID,
    SHIPMENT_BOOKED,
    PICKED_UP,
    IN_TRANSIT,
    OUT_FOR_DELIVERY,
    /** The carrier reported a problem, or did not pick the parcel up in time. Ops look; the order keeps waiting. */
    SHIPMENT_EXCEPTION,
    DELIVERED,
    /** The customer canceled before the shipment was booked; everything done so far was undone. */
    CANCELED,
    /** No stock arrived before the backorder deadline. */
    CANCELED_BACKORDER,
    /** A step failed (a decline, a refused booking); everything done before it was undone. */
    FAILED;

    public boolean terminal() {
        return this == DELIVERED || this == CANCELED || this == CANCELED_BACKORDER || this == FAILED;
    }
}

package io.perennial.order;

/** Types of the failures the order workflow and its activities raise. */
public final class OrderFailures {
    /** An update the order cannot take now (an address change after booking) or a bad address. */
    public static final String CHANGE_REJECTED = "OrderChangeRejected";
    /**
     * The read model refused the order's record for what it holds (PostgreSQL SQLState class 22 or 23): no retry
     * can succeed, so the record step fails for good and the order is undone.
     */
    public static final String RECORD_REFUSED = "OrderRecordRefused";

    private OrderFailures() {
    }
}

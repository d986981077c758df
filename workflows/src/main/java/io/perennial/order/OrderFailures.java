package io.perennial.order;

/** Types of the failures the order workflow and its activities raise. */
public final class OrderFailures {
    /** An update the order cannot take now (an address change after booking) or a bad address. */
    public static final String CHANGE_REJECTED = "OrderChangeRejected";

    private OrderFailures() {
    }
}

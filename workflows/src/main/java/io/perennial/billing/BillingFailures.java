package io.perennial.billing;

/** Types of the business failures billing activities raise; never retried. */
public final class BillingFailures {
    /** The coupon is unknown, expired, used up, inactive, or priced in another currency. */
    public static final String COUPON_REJECTED = "CouponRejected";

    private BillingFailures() {
    }
}

package io.perennial.billing;

/** How long a coupon discounts a subscription: its first invoice, N periods, or as long as it lives. */
public enum CouponDuration {
    ONCE, REPEATING, FOREVER
}

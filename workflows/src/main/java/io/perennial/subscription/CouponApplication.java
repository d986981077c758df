package io.perennial.subscription;

/** A coupon or promotion code a customer applies to a running subscription; it discounts the next invoices. */
public record CouponApplication(String code) {
}

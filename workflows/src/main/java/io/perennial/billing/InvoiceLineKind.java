package io.perennial.billing;

/** What a line of an invoice is for. Credits and discounts are negative amounts. */
public enum InvoiceLineKind {
    /** The plan's price for a billing period. */
    PLAN,
    /** Credit for the unused part of a period on the previous plan (negative). */
    PRORATION_CREDIT,
    /** Charge for the rest of the current period on the new plan. */
    PRORATION_CHARGE,
    /** A coupon or promotion (negative). */
    DISCOUNT,
    /** Account credit (referrals, pause and downgrade credits) consumed by this invoice (negative). */
    ACCOUNT_CREDIT,
    /** An add-on's price times its quantity for a billing period, on the plan's invoice. */
    ADD_ON
}

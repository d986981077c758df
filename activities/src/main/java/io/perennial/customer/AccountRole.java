package io.perennial.customer;

/** What a user may do in the customer account they sign in to (a company's has several users). */
public enum AccountRole {
    /** Everything: subscriptions, orders, payment methods, the account's users. */
    OWNER,
    /** Sees invoices, payments, subscriptions and orders, and changes payment methods; changes nothing else. */
    BILLING
}

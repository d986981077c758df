package io.perennial.payment;

/**
 * Whether a charge that the issuer asks the customer to authenticate ({@link DeclineCodes#AUTHENTICATION_REQUIRED})
 * waits for the customer, and whether that wait is over.
 */
public enum AuthenticationOffer {
    /** A request to authenticate is a decline like any other (plan changes, workflows from before the offer). */
    NONE,
    /** The customer may authenticate: the payment waits as {@code REQUIRES_ACTION}, and a repeat asks the provider. */
    OFFERED,
    /** The customer's deadline passed: the provider's request is closed and the charge settles as it stands. */
    EXPIRED
}

package io.perennial.risk;

import java.time.Duration;

/**
 * What is known about an order and its customer when it is scored; {@link RiskRules} turns it into points.
 *
 * @param emailDomain        the customer's email domain, lower case
 * @param accountAge         since the customer's account was created (zero if created "after" the business time)
 * @param earlierOrders      the customer's one-off orders placed before this one, whatever became of them
 * @param paidOrders         of those, the ones paid in this order's currency ...
 * @param paidMinor          ... and what they were paid in total
 * @param recentByCustomer   orders checked within the velocity window by this customer (this one not counted) ...
 * @param recentByCard       ... charged to this payment method
 * @param recentByAddress    ... shipped to this address
 * @param recentByIp         ... placed from this IP (0 when it is unknown)
 * @param shippingCountry    null when nothing ships (a digital plan's subscription)
 * @param billingCountry     the payment method's country when known, else null
 * @param cardRefusedBefore  this payment method was on an order or subscription the risk review refused
 * @param addressRefusedBefore this address was on an order or subscription the risk review refused
 */
public record RiskFacts(long amountMinor, String currency, String emailDomain, Duration accountAge,
                        int earlierOrders, int paidOrders, long paidMinor, int recentByCustomer, int recentByCard,
                        int recentByAddress, int recentByIp, String shippingCountry, String billingCountry,
                        boolean cardRefusedBefore, boolean addressRefusedBefore) {
}

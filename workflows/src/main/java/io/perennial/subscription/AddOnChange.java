package io.perennial.subscription;

/**
 * How many of an add-on the subscription should carry from now on; 0 removes it.
 *
 * @param terms the catalogue's terms for an add-on the subscription does not carry yet (null otherwise): one already
 *              carried keeps the price it was added at
 */
public record AddOnChange(String code, int quantity, AddOnItem terms) {
}

package io.perennial.subscription;

/**
 * An add-on a subscription carries: its terms copied from the catalogue when it was added (so a later price change
 * there never changes what this subscriber pays), and how many of it each period bills.
 *
 * @param amountMinor the add-on's price per period in minor units of {@code currency}, for one unit
 * @param quantity    how many units each period bills, at least 1
 */
public record AddOnItem(String code, String name, long amountMinor, String currency, int quantity) {
    public AddOnItem {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("an add-on needs its code");
        }
        if (amountMinor < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        if (currency == null || currency.length() != 3) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code");
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("an add-on is carried at least once, was " + quantity);
        }
    }

    /** What a period bills for it: the price times the quantity, exact. */
    public long totalMinor() {
        return Math.multiplyExact(amountMinor, (long) quantity);
    }

    AddOnItem withQuantity(int to) {
        return new AddOnItem(code, name, amountMinor, currency, to);
    }
}

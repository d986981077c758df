package io.perennial.points;

/** A redemption or a taking of more points than the customer has; nothing was booked. */
public class NotEnoughPoints extends RuntimeException {

    private final long balance;
    private final long asked;

    public NotEnoughPoints(long balance, long asked) {
        super("asked for " + asked + " points, the balance is " + balance);
        this.balance = balance;
        this.asked = asked;
    }

    public long balance() {
        return balance;
    }

    public long asked() {
        return asked;
    }
}

package io.perennial.payment;

/** The provider will not keep the payment method for the customer (an unknown token, a card refused on attach). */
public class PaymentMethodRefusedException extends RuntimeException {
    private final String code;

    public PaymentMethodRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The provider's reason, a decline code such as {@code invalid_payment_method} or {@code card_declined}. */
    public String code() {
        return code;
    }
}

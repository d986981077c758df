package io.perennial.notification;

import java.math.BigDecimal;
import java.util.Currency;

/** Amounts in minor units as people read them: 1299 EUR is "12.99 EUR", 1299 JPY is "1299 JPY". */
public final class MoneyFormat {
    private MoneyFormat() {
    }

    public static String format(long amountMinor, String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknownCurrency) {
            digits = 2;
        }
        return BigDecimal.valueOf(amountMinor, digits).toPlainString() + " " + currency;
    }
}

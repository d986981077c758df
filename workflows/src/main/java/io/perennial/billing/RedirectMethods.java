package io.perennial.billing;

import java.util.List;

/** The redirect payment methods a sent invoice can be paid by, as the API and the providers name them. */
public final class RedirectMethods {

    public static final String ALIPAY = "alipay";
    public static final String WECHAT_PAY = "wechat_pay";
    public static final List<String> ALL = List.of(ALIPAY, WECHAT_PAY);

    /** The failure type of a session asked for an invoice that is not a sent, open invoice. */
    public static final String INVOICE_NOT_PAYABLE = "InvoiceNotPayable";
    /** The failure type of a session the provider will not open for the method (not enabled for the merchant). */
    public static final String METHOD_REFUSED = "RedirectMethodRefused";

    private RedirectMethods() {
    }

    /** The key of the {@code attempt}-th session of a method for an invoice (the first has no suffix). */
    public static String paymentKey(String invoiceId, String method, int attempt) {
        String key = invoiceId + ":redirect:" + method;
        return attempt <= 1 ? key : key + ":" + attempt;
    }

    /** Whether {@code key} is the key of a redirect payment. */
    public static boolean isRedirectKey(String key) {
        return key != null && key.contains(":redirect:");
    }
}

package io.perennial.billing;

/**
 * The customer asks to pay a sent invoice by a redirect method ({@code alipay} or {@code wechat_pay}): the provider
 * opens a session on its own page, where the customer approves or fails the payment; the provider confirms
 * asynchronously afterwards.
 *
 * @param invoiceId  the sent invoice
 * @param method     {@link RedirectMethods#ALIPAY} or {@link RedirectMethods#WECHAT_PAY}
 * @param returnUrl  where the provider sends the customer back once they answered
 */
public record RedirectPaymentRequest(String invoiceId, String method, String returnUrl) {
}
